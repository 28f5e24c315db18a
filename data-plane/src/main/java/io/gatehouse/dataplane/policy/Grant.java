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
        for (PathPattern pattern : paths) {
            if (pattern.matches(resourcePath)) {
                return true;
            }
        }
        return false;
    }
}
