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

    /** Values of several keys are joined with this, e.g. {@code username:password} for basic authentication. */
    String KEY_SEPARATOR = ":";
}
