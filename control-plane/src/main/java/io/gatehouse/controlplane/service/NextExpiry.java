package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.PolicyModel;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Stream;

/** The next instant after which the enforced content differs: the earliest future expiry of an identity or grant. */
final class NextExpiry {

    private NextExpiry() {
    }

    static Optional<Instant> after(PolicyModel content, Instant now) {
        Stream<Instant> identities = content.identities().stream()
                .filter(identity -> identity.status() != IdentityStatus.REVOKED && identity.status() != IdentityStatus.EXPIRED)
                .map(IdentityDefinition::expiresAt);
        Stream<Instant> grants = content.grants().stream().map(GrantDefinition::expiresAt).filter(Objects::nonNull);
        return Stream.concat(identities, grants).filter(expiry -> expiry.isAfter(now)).min(Instant::compareTo);
    }
}
