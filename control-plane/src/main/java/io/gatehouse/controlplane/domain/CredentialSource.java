package io.gatehouse.controlplane.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Where the vault broker finds the credential that backs a resource: a place, never a value.
 *
 * @param mount   the secrets engine mount (KV and database sources)
 * @param path    the KV path, the database role, or the path of another leased secret
 * @param keys    the keys of the secret whose values form the credential (joined with ':')
 * @param version a pinned KV version, or {@code null} for the latest
 * @param ttl     the longest a data plane may cache an issued copy, or {@code null} for the broker's default
 */
public record CredentialSource(Kind kind, String mount, String path, List<String> keys, Integer version,
        Duration ttl) {

    public enum Kind {
        /** The broker's built-in static store, under the resource's name. */
        STATIC_STORE,
        VAULT_KV,
        VAULT_DATABASE,
        VAULT_LEASE
    }

    /** Database credentials are {@code username:password} unless other keys are named. */
    public static final List<String> DATABASE_KEYS = List.of("username", "password");

    public CredentialSource {
        Objects.requireNonNull(kind, "kind");
        keys = keys == null ? List.of() : List.copyOf(keys);
        if (kind != Kind.STATIC_STORE && (path == null || path.isBlank())) {
            throw new IllegalArgumentException(kind + " needs a path");
        }
    }

    public static CredentialSource staticStore(Duration ttl) {
        return new CredentialSource(Kind.STATIC_STORE, null, null, List.of(), null, ttl);
    }

    public static CredentialSource defaultSource() {
        return staticStore(null);
    }
}
