package io.gatehouse.vaultbroker.service;

import io.gatehouse.vaultbroker.model.CallerNode;
import io.gatehouse.vaultbroker.model.IssuedLease;
import io.gatehouse.vaultbroker.model.ResourceAccess;
import io.gatehouse.vaultbroker.model.StoredCredential;
import io.gatehouse.vaultbroker.repository.RoutingSecretStore;
import io.gatehouse.vaultbroker.repository.SecretStoreUnavailableException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Issues the credential backing a resource to a data plane whose pool may receive it, as a lease with an
 * expiry. A refusal because of the pool is reported as a security event.
 */
@ApplicationScoped
public class CredentialIssuer {

    private static final Logger LOG = Logger.getLogger(CredentialIssuer.class);

    private final ResourceCatalog catalog;
    private final RoutingSecretStore store;
    private final IssuanceMetrics metrics;
    private final SecurityEvents securityEvents;
    private final Clock clock = Clock.systemUTC();

    public CredentialIssuer(ResourceCatalog catalog, RoutingSecretStore store, IssuanceMetrics metrics,
            SecurityEvents securityEvents) {
        this.catalog = catalog;
        this.store = store;
        this.metrics = metrics;
        this.securityEvents = securityEvents;
    }

    /**
     * @return a lease whose secret the caller clears once it has been handed on
     * @throws InvalidCredentialRequestException when no resource is named
     * @throws UnknownResourceException          when no credential backs the resource
     * @throws CredentialAccessDeniedException   when the caller's pool may not receive it
     * @throws SecretStoreUnavailableException   when the store cannot be reached, or the broker has no
     *                                           configuration from the control plane yet
     */
    public IssuedLease issue(String resource, CallerNode caller) {
        if (resource == null || resource.isBlank()) {
            metrics.record(null, IssuanceOutcome.INVALID);
            throw new InvalidCredentialRequestException("resource is required");
        }
        ResourceAccess access = accessTo(resource, caller);
        Optional<StoredCredential> stored;
        try {
            stored = store.find(access);
        } catch (SecretStoreUnavailableException e) {
            metrics.record(resource, IssuanceOutcome.UNAVAILABLE);
            throw e;
        }
        if (stored.isEmpty()) {
            metrics.record(resource, IssuanceOutcome.NOT_FOUND);
            LOG.warnf("resource '%s' is configured but its secret store holds no credential for it", resource);
            throw new UnknownResourceException(resource);
        }
        StoredCredential credential = stored.get();
        Instant expiresAt = clock.instant().plus(credential.leaseDuration());
        IssuedLease lease = new IssuedLease(resource, credential.secret(), "lease-" + UUID.randomUUID(), expiresAt);
        metrics.record(resource, IssuanceOutcome.ISSUED);
        LOG.infof("issued lease %s on resource '%s' to data plane %s (pool %s), expires %s",
                lease.leaseId(), resource, caller.nodeId(), caller.pool(), expiresAt);
        return lease;
    }

    /** Whether the caller's pool may receive the resource's credential (false before the first configuration). */
    public boolean mayReceive(String resource, CallerNode caller) {
        try {
            return catalog.find(resource).map(access -> access.allows(caller.pool())).orElse(false);
        } catch (CatalogNotReadyException e) {
            return false;
        }
    }

    private ResourceAccess accessTo(String resource, CallerNode caller) {
        Optional<ResourceAccess> access;
        try {
            access = catalog.find(resource);
        } catch (CatalogNotReadyException e) {
            metrics.record(null, IssuanceOutcome.UNAVAILABLE);
            throw new SecretStoreUnavailableException(e.getMessage(), null);
        }
        if (access.isEmpty()) {
            metrics.record(null, IssuanceOutcome.NOT_FOUND);
            LOG.infof("data plane %s asked for resource '%s', which no credential backs", caller.nodeId(), resource);
            throw new UnknownResourceException(resource);
        }
        if (!access.get().allows(caller.pool())) {
            metrics.record(resource, IssuanceOutcome.DENIED);
            String reason = "data-plane pool '" + caller.pool() + "' may not receive the credential of resource '"
                    + resource + "'";
            LOG.warnf("refused data plane %s: %s", caller.nodeId(), reason);
            securityEvents.credentialDenied(caller, resource, reason);
            throw new CredentialAccessDeniedException(reason);
        }
        return access.get();
    }
}
