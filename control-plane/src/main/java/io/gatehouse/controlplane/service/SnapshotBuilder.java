package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.PolicyModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Builds the content the data planes enforce: the stored model with every identity's status made
 * effective at a given time (an identity past its expiry is sent as EXPIRED).
 */
@ApplicationScoped
public class SnapshotBuilder {

    private final PolicyModelReader reader;

    public SnapshotBuilder(PolicyModelReader reader) {
        this.reader = reader;
    }

    public PolicyModel buildContent(Instant now) {
        PolicyModel stored = reader.read();
        List<IdentityDefinition> effective = stored.identities().stream()
                .map(identity -> identity.withStatus(identity.effectiveStatus(now)))
                .toList();
        return new PolicyModel(effective, stored.resources(), stored.grants());
    }
}
