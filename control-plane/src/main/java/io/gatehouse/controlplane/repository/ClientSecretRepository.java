package io.gatehouse.controlplane.repository;

import io.gatehouse.controlplane.model.ClientSecretEntity;
import io.quarkus.hibernate.orm.panache.PanacheRepository;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

@ApplicationScoped
public class ClientSecretRepository implements PanacheRepository<ClientSecretEntity> {

    /** The secrets of an identity, newest first; revoked ones only when asked. */
    public List<ClientSecretEntity> ofIdentity(String identity, boolean includeRevoked) {
        return find("select s from ClientSecretEntity s join fetch s.identity i where i.name = ?1"
                + (includeRevoked ? "" : " and s.revokedAt is null") + " order by s.createdAt desc, s.id desc", identity).list();
    }

    /** Active secrets whose last use (or creation, if never used) is before {@code cutoff}, identities loaded. */
    public List<ClientSecretEntity> unusedSince(Instant cutoff) {
        return find("select s from ClientSecretEntity s join fetch s.identity where s.revokedAt is null"
                + " and coalesce(s.lastUsedAt, s.createdAt) < ?1", cutoff).list();
    }

    public Optional<ClientSecretEntity> bySecretId(String secretId) {
        return find("select s from ClientSecretEntity s join fetch s.identity where s.secretId = ?1", secretId)
                .firstResultOptional();
    }
}
