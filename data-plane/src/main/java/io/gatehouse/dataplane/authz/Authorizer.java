package io.gatehouse.dataplane.authz;

import io.gatehouse.dataplane.policy.Grant;
import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.gatehouse.dataplane.policy.Resource;

import java.time.Instant;
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
        return authorize(policy, identity, method, null, canonicalPath, now);
    }

    /** @param host the request's host, lower case without port, or null */
    public static Authorization authorize(PolicySnapshot policy, Identity identity, String method, String host,
                                          String canonicalPath, Instant now) {
        String refusal = identity.refusalReason(now);
        if (refusal != null) {
            throw new AccessDeniedException(refusal);
        }
        Optional<Resource> routed = policy.route(host, canonicalPath);
        if (routed.isPresent()) {
            Resource resource = routed.get();
            String resourcePath = resourcePath(resource, canonicalPath);
            Grant allowing = allowingGrant(policy.grantsOf(identity.name(), resource.name()), method, resourcePath, now);
            if (allowing != null) {
                return new Authorization(resource, resourcePath, allowing);
            }
        }
        throw new AccessDeniedException("no grant of identity '" + identity.name() + "' allows " + method + " " + canonicalPath);
    }

    /** A grant that allows the call, preferring one that needs no approval; null if none. Runs per request: no streams. */
    private static Grant allowingGrant(List<Grant> grants, String method, String resourcePath, Instant now) {
        Grant needingApproval = null;
        for (Grant grant : grants) {
            if (grant.permits(method, resourcePath, now)) {
                if (grant.approval() == null) {
                    return grant;
                }
                if (needingApproval == null) {
                    needingApproval = grant;
                }
            }
        }
        return needingApproval;
    }

    static String resourcePath(Resource resource, String canonicalPath) {
        if (resource.pathPrefix().equals("/")) {
            return canonicalPath;
        }
        String rest = canonicalPath.substring(resource.pathPrefix().length());
        return rest.isEmpty() ? "/" : rest;
    }
}
