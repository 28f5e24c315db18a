package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.PolicySnapshot;

import java.util.Collection;

/** Maps a verified token to exactly one identity through the trust bindings of its issuer. */
public final class IdentityResolver {

    private IdentityResolver() {
    }

    public static Identity resolve(VerifiedToken token, PolicySnapshot policy) {
        Collection<Identity> matches = policy.trustBindings().identitiesMatching(token.issuer(), token.audiences(), token.claims());
        if (matches.isEmpty()) {
            throw new AuthenticationException("no identity is bound to this token: its issuer, audience and claims must match a trust binding");
        }
        if (matches.size() > 1) {
            // two bindings claiming one token is a configuration error; refusing is the only safe answer
            throw new AuthenticationException("this token matches more than one identity; ask an administrator to make the trust bindings distinct");
        }
        return matches.iterator().next();
    }
}
