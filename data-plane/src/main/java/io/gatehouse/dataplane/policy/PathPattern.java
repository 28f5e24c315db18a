package io.gatehouse.dataplane.policy;

import java.util.ArrayList;
import java.util.List;

/**
 * A glob over canonical paths: {@code *} matches exactly one segment, {@code **} any number of
 * segments (also none); other segments match literally.
 */
public final class PathPattern {

    private final String source;
    private final String[] segments;

    private PathPattern(String source, String[] segments) {
        this.source = source;
        this.segments = segments;
    }

    public static PathPattern compile(String pattern) {
        if (pattern == null || !pattern.startsWith("/")) {
            throw new IllegalArgumentException("path pattern must start with '/': " + pattern);
        }
        return new PathPattern(pattern, split(pattern));
    }

    public boolean matches(String canonicalPath) {
        return match(segments, 0, split(canonicalPath), 0);
    }

    /** The non-empty segments; runs once per request and grant pattern, so without streams or regular expressions. */
    private static String[] split(String path) {
        List<String> segments = new ArrayList<>(8);
        int start = 0;
        for (int index = 0; index <= path.length(); index++) {
            if (index == path.length() || path.charAt(index) == '/') {
                if (index > start) {
                    segments.add(path.substring(start, index));
                }
                start = index + 1;
            }
        }
        return segments.toArray(new String[0]);
    }

    private static boolean match(String[] pattern, int p, String[] path, int s) {
        while (p < pattern.length) {
            String segment = pattern[p];
            if (segment.equals("**")) {
                for (int skip = s; skip <= path.length; skip++) {
                    if (match(pattern, p + 1, path, skip)) {
                        return true;
                    }
                }
                return false;
            }
            if (s >= path.length || !(segment.equals("*") || segment.equals(path[s]))) {
                return false;
            }
            p++;
            s++;
        }
        return s == path.length;
    }

    @Override
    public String toString() {
        return source;
    }
}
