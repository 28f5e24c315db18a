package io.gatehouse.vaultbroker.model;

import java.time.Duration;
import java.util.List;

/**
 * A dynamic secret that Vault issues with a lease, e.g. database credentials ({@code <mount>/creds/<role>}).
 * The lease is renewed while it may be, replaced when it may not, and revoked once superseded.
 *
 * @param path the path read to obtain a new secret, relative to {@code /v1/}
 */
public record LeasedSecretSource(String resource, String path, List<String> keys, Duration ttl)
        implements SecretSource {

    public static final List<String> DATABASE_KEYS = List.of("username", "password");

    public LeasedSecretSource {
        keys = List.copyOf(keys);
    }

    /** Credentials of the database secrets engine mounted at {@code mount}, for {@code role}. */
    public static LeasedSecretSource database(String resource, String mount, String role, List<String> keys,
            Duration ttl) {
        return new LeasedSecretSource(resource, mount + "/creds/" + role, keys, ttl);
    }

    @Override
    public String readPath() {
        return path;
    }
}
