package io.gatehouse.bench.auth;

import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.IdentityStatus;
import io.gatehouse.dataplane.policy.OidcBinding;
import io.gatehouse.dataplane.policy.PolicySnapshot;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A policy of {@code count} identities all bound to one issuer (as CI jobs of one forge are), told apart by one claim. */
final class BoundIdentities {

    static final String AUDIENCE = "gatehouse";
    static final String CLAIM = "repository";

    private BoundIdentities() {
    }

    static PolicySnapshot policy(String issuer, int count) {
        List<Identity> identities = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            identities.add(new Identity(String.format("bot-%05d", i), "ci-job", "benchmark", Instant.parse("2099-01-01T00:00:00Z"),
                    IdentityStatus.ACTIVE, List.of(new OidcBinding(issuer, Set.of(AUDIENCE), Map.of(CLAIM, claimValue(i)))),
                    "platform", null));
        }
        return new PolicySnapshot("bench", Instant.now(), identities, List.of(), List.of());
    }

    static String claimValue(int identity) {
        return "acme/repo-" + identity;
    }
}
