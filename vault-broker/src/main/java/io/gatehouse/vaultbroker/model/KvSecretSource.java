package io.gatehouse.vaultbroker.model;

import java.time.Duration;
import java.util.List;

/**
 * A secret of a KV version 2 engine. Re-read before {@code ttl} has passed, so a rotated secret is used
 * within {@code ttl}.
 *
 * @param version a fixed version, or {@code null} for the latest
 */
public record KvSecretSource(String resource, String mount, String path, List<String> keys, Integer version,
        Duration ttl) implements SecretSource {

    public KvSecretSource {
        keys = List.copyOf(keys);
    }

    @Override
    public String readPath() {
        return mount + "/data/" + path;
    }

    /** Where Vault keeps the secret's versions, without their values. */
    public String metadataPath() {
        return mount + "/metadata/" + path;
    }
}
