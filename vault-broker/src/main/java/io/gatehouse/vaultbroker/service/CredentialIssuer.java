package io.gatehouse.vaultbroker.service;

import io.gatehouse.vaultbroker.model.IssuedLease;
import io.gatehouse.vaultbroker.model.StoredCredential;
import io.gatehouse.vaultbroker.repository.SecretStore;
import io.gatehouse.vaultbroker.repository.SecretStoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** Issues the credential backing a resource to a data plane, as a lease with an expiry. */
@ApplicationScoped
public class CredentialIssuer {

    private static final Logger LOG = Logger.getLogger(CredentialIssuer.class);

    private final SecretStore store;
    private final IssuanceMetrics metrics;
    private final Clock clock = Clock.systemUTC();

    public CredentialIssuer(SecretStore store, IssuanceMetrics metrics) {
        this.store = store;
        this.metrics = metrics;
    }

    /**
     * @return a lease whose secret the caller clears once it has been handed on
     * @throws InvalidCredentialRequestException when no resource is named
     * @throws UnknownResourceException          when no credential backs the resource
     * @throws SecretStoreUnavailableException   when the store cannot be reached
     */
    public IssuedLease issue(String resource, String dataPlaneId) {
        if (resource == null || resource.isBlank()) {
            metrics.record(null, IssuanceOutcome.INVALID);
            throw new InvalidCredentialRequestException("resource is required");
        }
        Optional<StoredCredential> stored;
        try {
            stored = store.find(resource);
        } catch (SecretStoreUnavailableException e) {
            metrics.record(null, IssuanceOutcome.UNAVAILABLE);
            throw e;
        }
        if (stored.isEmpty()) {
            metrics.record(null, IssuanceOutcome.NOT_FOUND);
            LOG.infof("data plane %s asked for resource '%s', which no credential backs", dataPlaneId, resource);
            throw new UnknownResourceException(resource);
        }
        StoredCredential credential = stored.get();
        Instant expiresAt = clock.instant().plus(credential.leaseDuration());
        IssuedLease lease = new IssuedLease(resource, credential.secret(), "lease-" + UUID.randomUUID(), expiresAt);
        metrics.record(resource, IssuanceOutcome.ISSUED);
        LOG.infof("issued lease %s on resource '%s' to data plane %s, expires %s",
                lease.leaseId(), resource, dataPlaneId, expiresAt);
        return lease;
    }
}
