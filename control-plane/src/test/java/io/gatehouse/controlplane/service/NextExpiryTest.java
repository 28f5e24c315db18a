package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityKind;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.PolicyModel;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The instant the scheduler rebuilds the snapshot at: the earliest expiry still ahead. */
class NextExpiryTest {

    private static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    @Test
    void theEarliestFutureExpiryOfAnIdentityOrGrantComesFirst() {
        PolicyModel model = model(List.of(identity("later", IdentityStatus.ACTIVE, NOW.plusSeconds(600)),
                        identity("suspended", IdentityStatus.SUSPENDED, NOW.plusSeconds(300))),
                List.of(grant("later", NOW.plusSeconds(120)), grant("later", null)));

        assertEquals(Optional.of(NOW.plusSeconds(120)), NextExpiry.after(model, NOW));
        assertEquals(Optional.of(NOW.plusSeconds(300)), NextExpiry.after(model, NOW.plusSeconds(120)),
                "an expiry at now is behind us");
    }

    @Test
    void expiredAndRevokedIdentitiesAndThePastPlanNothing() {
        PolicyModel model = model(List.of(identity("gone", IdentityStatus.REVOKED, NOW.plusSeconds(60)),
                identity("old", IdentityStatus.ACTIVE, NOW.minusSeconds(60))), List.of());

        assertEquals(Optional.empty(), NextExpiry.after(model, NOW));
    }

    private static PolicyModel model(List<IdentityDefinition> identities, List<GrantDefinition> grants) {
        return new PolicyModel(identities, List.of(), grants, List.of());
    }

    private static IdentityDefinition identity(String name, IdentityStatus status, Instant expiresAt) {
        return new IdentityDefinition(name, IdentityKind.SERVICE, "platform", "p@acme.example", "test", expiresAt,
                status, List.of(), null);
    }

    private static GrantDefinition grant(String identity, Instant expiresAt) {
        return new GrantDefinition(identity, "demo", List.of("GET"), List.of("/**"), expiresAt, null);
    }
}
