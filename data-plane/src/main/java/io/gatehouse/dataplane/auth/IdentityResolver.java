package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.PolicySnapshot;

import java.util.List;

/** Maps a verified token to exactly one identity through the identities' trust bindings. */
public final class IdentityResolver {

    private IdentityResolver() {
    }

    public static Identity resolve(VerifiedToken token, PolicySnapshot policy) {
        List<Identity> matches = policy.identities().stream()
                .filter(identity -> identity.oidcBindings().stream()
                        .anyMatch(binding -> binding.matches(token.issuer(), token.audiences(), token.claims())))
                .toList();
        if (matches.isEmpty()) {
            throw new AuthenticationException("no identity is bound to this token: its issuer, audience and claims must match a trust binding");
        }
        if (matches.size() > 1) {
            // two bindings claiming one token is a configuration error; refusing is the only safe answer
            throw new AuthenticationException("this token matches more than one identity; ask an administrator to make the trust bindings distinct");
        }
        return matches.get(0);
    }
}
