package io.gatehouse.dataplane.authz;

import io.gatehouse.dataplane.policy.Grant;
import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.gatehouse.dataplane.policy.Resource;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Routes a canonical path to a resource and finds a grant of the identity that allows the
 * operation. An unrouted path and a missing grant get the same answer, so a caller learns nothing
 * about resources it may not use. Where several grants allow a call, one without an approval
 * requirement wins.
 */
public final class Authorizer {

    private Authorizer() {
    }

    public static Authorization authorize(PolicySnapshot policy, Identity identity, String method, String canonicalPath,
                                          Instant now) {
        String refusal = identity.refusalReason(now);
        if (refusal != null) {
            throw new AccessDeniedException(refusal);
        }
        Optional<Resource> routed = policy.route(canonicalPath);
        if (routed.isPresent()) {
            Resource resource = routed.get();
            String resourcePath = resourcePath(resource, canonicalPath);
            List<Grant> grants = policy.grantsOf(identity.name(), resource.name());
            Optional<Grant> allowing = grants.stream()
                    .filter(grant -> grant.permits(method, resourcePath, now))
                    .min(Comparator.comparing(grant -> grant.approval() != null));
            if (allowing.isPresent()) {
                return new Authorization(resource, resourcePath, allowing.get());
            }
        }
        throw new AccessDeniedException("no grant of identity '" + identity.name() + "' allows " + method + " " + canonicalPath);
    }

    static String resourcePath(Resource resource, String canonicalPath) {
        if (resource.pathPrefix().equals("/")) {
            return canonicalPath;
        }
        String rest = canonicalPath.substring(resource.pathPrefix().length());
        return rest.isEmpty() ? "/" : rest;
    }
}
