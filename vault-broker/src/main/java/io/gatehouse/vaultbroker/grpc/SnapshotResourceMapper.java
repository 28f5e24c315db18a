package io.gatehouse.vaultbroker.grpc;

import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.CredentialSource;
import io.gatehouse.proto.config.v1.Resource;
import io.gatehouse.vaultbroker.model.CallerNode;
import io.gatehouse.vaultbroker.model.KvSecretSource;
import io.gatehouse.vaultbroker.model.LeasedSecretSource;
import io.gatehouse.vaultbroker.model.ResourceAccess;
import io.gatehouse.vaultbroker.model.SecretSource;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Reads what the broker needs from a config snapshot: each resource's credential source and allowed pools. */
final class SnapshotResourceMapper {

    private SnapshotResourceMapper() {
    }

    static Map<String, ResourceAccess> resources(ConfigSnapshot snapshot) {
        Map<String, ResourceAccess> resources = new LinkedHashMap<>();
        for (Resource resource : snapshot.getResourcesList()) {
            resources.put(resource.getName(), access(resource));
        }
        return resources;
    }

    private static ResourceAccess access(Resource resource) {
        CredentialSource source = resource.getCredentialSource();
        Optional<Duration> ttl = source.hasTtl()
                ? Optional.of(Duration.ofSeconds(source.getTtl().getSeconds(), source.getTtl().getNanos()))
                : Optional.empty();
        Set<String> pools = resource.getDataPlanePoolsCount() == 0 ? Set.of(CallerNode.DEFAULT_POOL)
                : Set.copyOf(resource.getDataPlanePoolsList());
        return new ResourceAccess(resource.getName(), vaultSource(resource.getName(), source, ttl), ttl, pools);
    }

    private static Optional<SecretSource> vaultSource(String resource, CredentialSource source, Optional<Duration> ttl) {
        return switch (source.getSourceCase()) {
            case VAULT_KV -> Optional.of(new KvSecretSource(resource, orDefault(source.getVaultKv().getMount(), "secret"),
                    source.getVaultKv().getPath(), source.getVaultKv().getKeysList(),
                    source.getVaultKv().getVersion() == 0 ? null : source.getVaultKv().getVersion(),
                    ttl.orElse(SecretSource.DEFAULT_KV_TTL)));
            case VAULT_DATABASE -> Optional.of(LeasedSecretSource.database(resource,
                    orDefault(source.getVaultDatabase().getMount(), "database"), source.getVaultDatabase().getRole(),
                    keysOr(source.getVaultDatabase().getKeysList(), LeasedSecretSource.DATABASE_KEYS),
                    ttl.orElse(SecretSource.DEFAULT_LEASE_TTL)));
            case VAULT_LEASE -> Optional.of(new LeasedSecretSource(resource, source.getVaultLease().getPath(),
                    source.getVaultLease().getKeysList(), ttl.orElse(SecretSource.DEFAULT_LEASE_TTL)));
            case STATIC_STORE, SOURCE_NOT_SET -> Optional.empty();
        };
    }

    private static String orDefault(String value, String fallback) {
        return value.isBlank() ? fallback : value;
    }

    private static List<String> keysOr(List<String> keys, List<String> fallback) {
        return keys.isEmpty() ? fallback : keys;
    }
}
