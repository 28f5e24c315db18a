package io.gatehouse.controlplane.domain;

import java.util.ArrayList;
import java.util.List;

/**
 * The name of a (possibly nested) token claim: nesting levels separated by {@code /}, each level
 * escaped as in RFC 6901 ({@code ~1} for a {@code /} inside a name, {@code ~0} for {@code ~}).
 * {@code kubernetes.io/serviceaccount/name} is {@code claims["kubernetes.io"]["serviceaccount"]["name"]};
 * a top-level claim whose name contains a slash, e.g. {@code https://acme.example/team}, is written
 * {@code https:~1~1acme.example~1team}.
 */
public final class ClaimPath {

    public static final int MAX_LENGTH = 256;

    private ClaimPath() {
    }

    /** The unescaped nesting levels of {@code path}. @throws IllegalArgumentException naming what is wrong */
    public static List<String> segments(String path) {
        if (path.isEmpty() || path.length() > MAX_LENGTH) {
            throw new IllegalArgumentException("a claim name must have 1 to " + MAX_LENGTH + " characters");
        }
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        for (int index = 0; index < path.length(); index++) {
            char c = path.charAt(index);
            if (c == '/') {
                segments.add(nonEmpty(segment.toString()));
                segment.setLength(0);
            } else if (c == '~') {
                char next = index + 1 < path.length() ? path.charAt(index + 1) : ' ';
                if (next != '0' && next != '1') {
                    throw new IllegalArgumentException("'~' must be followed by 0 (for '~') or 1 (for '/')");
                }
                segment.append(next == '0' ? '~' : '/');
                index++;
            } else {
                segment.append(c);
            }
        }
        segments.add(nonEmpty(segment.toString()));
        return List.copyOf(segments);
    }

    /** The path of the given nesting levels (the inverse of {@link #segments}). */
    public static String of(List<String> segments) {
        return String.join("/", segments.stream().map(ClaimPath::escape).toList());
    }

    /** A top-level claim name as a path: its {@code ~} and {@code /} escaped. */
    public static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static String nonEmpty(String segment) {
        if (segment.isEmpty()) {
            throw new IllegalArgumentException("empty nesting level: '/' separates nested claim names and must not"
                    + " start, end or repeat (write a '/' inside a claim name as ~1)");
        }
        return segment;
    }
}
