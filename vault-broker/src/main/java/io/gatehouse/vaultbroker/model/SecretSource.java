package io.gatehouse.vaultbroker.model;

import java.time.Duration;
import java.util.List;

/**
 * Where the credential of one resource comes from in Vault. Holds places, never values.
 */
public sealed interface SecretSource permits KvSecretSource, LeasedSecretSource {

    /** The resource this source backs. */
    String resource();

    /** The keys of the secret's data whose values form the credential, joined by {@link #KEY_SEPARATOR}. */
    List<String> keys();

    /** The longest time a data plane may use an issued copy. */
    Duration ttl();

    /** The Vault API path that is read, relative to {@code /v1/}, for messages. */
    String readPath();

    /** How long a KV secret is cached and issued copies may live, unless configured. */
    Duration DEFAULT_KV_TTL = Duration.ofMinutes(5);

    /** How long issued copies of a leased secret may live, unless configured. */
    Duration DEFAULT_LEASE_TTL = Duration.ofMinutes(10);

    /** Values of several keys are joined with this, e.g. {@code username:password} for basic authentication. */
    String KEY_SEPARATOR = ":";
}
