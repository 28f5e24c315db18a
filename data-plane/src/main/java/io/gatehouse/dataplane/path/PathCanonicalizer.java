package io.gatehouse.dataplane.path;

import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Computes the one canonical form of a request path that is both judged and forwarded, so that
 * the upstream cannot interpret the path differently from the policy.
 * <ul>
 *   <li>percent-encoded unreserved characters are decoded, other escapes are kept with upper-case hex;</li>
 *   <li>encoded '/', '\' and control characters, raw backslashes and malformed escapes are refused;</li>
 *   <li>empty and "." segments are removed, ".." removes the previous segment and may not climb above the root.</li>
 * </ul>
 */
public final class PathCanonicalizer {

    private PathCanonicalizer() {
    }

    public static String canonicalize(String rawPath) {
        if (rawPath == null || rawPath.isEmpty() || rawPath.charAt(0) != '/') {
            throw new InvalidPathException("path must start with '/'");
        }
        Deque<String> segments = new ArrayDeque<>();
        for (String raw : rawPath.substring(1).split("/", -1)) {
            String segment = normalizeSegment(raw);
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (segments.isEmpty()) {
                    throw new InvalidPathException("path climbs above the root");
                }
                segments.removeLast();
                continue;
            }
            segments.addLast(segment);
        }
        return "/" + String.join("/", segments);
    }

    private static String normalizeSegment(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%') {
                if (i + 2 >= raw.length()) {
                    throw new InvalidPathException("malformed percent-encoding in path");
                }
                int value = hex(raw.charAt(i + 1)) * 16 + hex(raw.charAt(i + 2));
                i += 2;
                if (value == '/' || value == '\\' || value < 0x20 || value == 0x7f) {
                    throw new InvalidPathException("encoded '/', '\\' or control characters are not allowed in paths");
                }
                if (isUnreserved(value)) {
                    out.append((char) value);
                } else {
                    out.append('%').append(Character.toUpperCase(Character.forDigit(value >> 4, 16)))
                            .append(Character.toUpperCase(Character.forDigit(value & 0xf, 16)));
                }
            } else if (c == '\\' || c < 0x21 || c >= 0x7f) {
                throw new InvalidPathException("path contains a character that must be percent-encoded");
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        if (digit < 0) {
            throw new InvalidPathException("malformed percent-encoding in path");
        }
        return digit;
    }

    private static boolean isUnreserved(int c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '-' || c == '.' || c == '_' || c == '~';
    }
}
