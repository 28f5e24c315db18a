package io.gatehouse.dataplane.audit;

/**
 * The first bytes of one body of a call.
 *
 * @param size        bytes of the whole body
 * @param content     its first bytes (at most the resource's cap); empty for a binary or unmaskable body, whose bytes
 *                    are never kept
 * @param truncated   the body was longer than what was kept
 * @param binary      its content was not recorded: not text (by content type or encoding), or it could not be masked
 *                    ({@code unmaskable} says why); only size and content type are recorded
 * @param unmaskable  null, or why a body that had to be masked for its record could not be (the request body of a
 *                    resource with masking rules: invalid JSON, past a masking limit, a charset that is not masked);
 *                    written for operators, never holds body content
 */
public record RecordedBody(long size, String contentType, byte[] content, boolean truncated, boolean binary,
                           String unmaskable) {

    /** A body recorded as it was (or by size only, if binary). */
    public RecordedBody(long size, String contentType, byte[] content, boolean truncated, boolean binary) {
        this(size, contentType, content, truncated, binary, null);
    }

    /** A body whose content could not be masked: recorded by size and content type only, with the reason. */
    public static RecordedBody unmaskable(long size, String contentType, String why) {
        return new RecordedBody(size, contentType, new byte[0], size > 0, true, why);
    }
}
