package io.gatehouse.dataplane.policy;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/** Lets one identity call some operations of one resource; {@code approval} is null when none is needed. */
public record Grant(String identity, String resource, Set<String> methods, List<PathPattern> paths,
                   Instant expiresAt, ApprovalRule approval) {

    public boolean permits(String method, String resourcePath, Instant now) {
        if (expiresAt != null && !now.isBefore(expiresAt)) {
            return false;
        }
        if (!methods.contains(method)) {
            return false;
        }
        return routeOf(resourcePath) != null;
    }

    /** The first of this grant's path patterns that matches: the operation a permitted call counts as; null if none. */
    public String routeOf(String resourcePath) {
        for (PathPattern pattern : paths) {
            if (pattern.matches(resourcePath)) {
                return pattern.toString();
            }
        }
        return null;
    }
}
