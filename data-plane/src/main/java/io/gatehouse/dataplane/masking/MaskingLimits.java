package io.gatehouse.dataplane.masking;

/**
 * Bounds that keep masking in constant memory per response; a body past one is refused, never
 * passed on unmasked.
 *
 * @param maxDepth         JSON nesting depth
 * @param maxValueLength   bytes (as sent, escapes included) of one JSON string, number or field name (held whole to be matched)
 * @param textWindow       characters of text held back so that a detector match cut by a chunk boundary is still found
 * @param maxEventSize     characters of one server-sent event (its JSON data is masked as a whole)
 * @param maxInflatedBytes bytes a compressed body may inflate to
 * @param maxInflateRatio  inflated/compressed ratio past which a body is treated as a compression bomb
 */
public record MaskingLimits(int maxDepth, int maxValueLength, int textWindow, int maxEventSize,
                            long maxInflatedBytes, int maxInflateRatio) {

    public static final MaskingLimits DEFAULTS = new MaskingLimits(200, 4 * 1024 * 1024, 4096, 1024 * 1024,
            1024L * 1024 * 1024, 100);

    public MaskingLimits {
        if (maxDepth < 1 || maxValueLength < 1 || textWindow < 64 || maxEventSize < 1 || maxInflatedBytes < 1
                || maxInflateRatio < 1) {
            throw new IllegalArgumentException("masking limits must be positive (text window at least 64)");
        }
    }
}
