package io.gatehouse.dataplane.authz;

import io.gatehouse.dataplane.policy.Grant;
import io.gatehouse.dataplane.policy.Resource;

/**
 * A permitted call: the resource it goes to, its path below the resource prefix, and the grant
 * that allows it. {@link #needsApproval()} when that grant asks a human first.
 */
public record Authorization(Resource resource, String resourcePath, Grant grant) {

    /** The grant's path pattern that matched the call (recorded, so usage is counted per operation). */
    public String route() {
        return grant.routeOf(resourcePath);
    }

    public boolean needsApproval() {
        return grant.approval() != null;
    }
}
