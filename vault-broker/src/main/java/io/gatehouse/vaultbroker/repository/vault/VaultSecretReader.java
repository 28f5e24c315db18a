package io.gatehouse.vaultbroker.repository.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.vaultbroker.model.FetchedSecret;
import io.gatehouse.vaultbroker.model.KvSecretSource;
import io.gatehouse.vaultbroker.model.LeasedSecretSource;
import io.gatehouse.vaultbroker.model.Secret;
import io.gatehouse.vaultbroker.model.SecretSource;
import io.gatehouse.vaultbroker.model.VaultLease;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/** Reads secrets from Vault and manages their leases ({@code sys/leases/renew}, {@code sys/leases/revoke}). */
public class VaultSecretReader {

    static final String RENEW = "sys/leases/renew";
    static final String REVOKE = "sys/leases/revoke";

    private final VaultHttp http;
    private final VaultSession session;

    public VaultSecretReader(VaultHttp http, VaultSession session) {
        this.http = http;
        this.session = session;
    }

    /**
     * @throws VaultUnreachableException  when Vault cannot be reached
     * @throws VaultRequestException      when Vault refuses (403) or has nothing at the path (404)
     * @throws VaultSecretFormatException when the secret lacks a configured key
     */
    public FetchedSecret read(SecretSource source) {
        if (source instanceof KvSecretSource kv) {
            return readKv(kv);
        }
        return readLeased((LeasedSecretSource) source);
    }

    private FetchedSecret readKv(KvSecretSource source) {
        String path = source.readPath() + (source.version() == null ? "" : "?version=" + source.version());
        JsonNode data = session.call(token -> http.get(path, token)).path("data");
        JsonNode metadata = data.path("metadata");
        if (metadata.path("destroyed").asBoolean(false) || !metadata.path("deletion_time").asText("").isEmpty()
                || !data.path("data").isObject()) {
            throw new VaultSecretFormatException("version " + metadata.path("version").asText("?") + " of "
                    + source.readPath() + " is deleted or destroyed");
        }
        int version = metadata.path("version").asInt(0);
        return new FetchedSecret(join(source, data.path("data")), Optional.empty(),
                version > 0 ? OptionalInt.of(version) : OptionalInt.empty());
    }

    /**
     * The newest version of a KV secret, from its metadata (no secret value is read).
     *
     * @throws VaultRequestException when Vault refuses the metadata path (the policy may allow data only)
     */
    public int currentKvVersion(KvSecretSource source) {
        return session.call(token -> http.get(source.metadataPath(), token)).path("data").path("current_version").asInt(0);
    }

    private FetchedSecret readLeased(LeasedSecretSource source) {
        JsonNode answer = session.call(token -> http.get(source.readPath(), token));
        String leaseId = answer.path("lease_id").asText("");
        Optional<VaultLease> lease = leaseId.isEmpty() ? Optional.empty() : Optional.of(new VaultLease(leaseId,
                Duration.ofSeconds(answer.path("lease_duration").asLong()), answer.path("renewable").asBoolean(false)));
        return new FetchedSecret(join(source, answer.path("data")), lease);
    }

    private static Secret join(SecretSource source, JsonNode data) {
        StringBuilder value = new StringBuilder();
        for (String key : source.keys()) {
            JsonNode node = data.path(key);
            if (!node.isValueNode() || node.isNull()) {
                throw new VaultSecretFormatException("key '" + key + "' is missing in " + source.readPath());
            }
            if (!value.isEmpty()) {
                value.append(SecretSource.KEY_SEPARATOR);
            }
            value.append(node.asText());
        }
        char[] chars = new char[value.length()];
        value.getChars(0, value.length(), chars, 0);
        value.setLength(0);
        Secret secret = Secret.of(chars);
        java.util.Arrays.fill(chars, '\0');
        return secret;
    }

    /** Asks for {@code increment} more; Vault may grant less (the lease's max TTL). */
    public VaultLease renew(VaultLease lease, Duration increment) {
        JsonNode answer = session.call(token -> http.put(RENEW, token,
                Map.of("lease_id", lease.leaseId(), "increment", increment.toSeconds())));
        return new VaultLease(answer.path("lease_id").asText(lease.leaseId()),
                Duration.ofSeconds(answer.path("lease_duration").asLong()), answer.path("renewable").asBoolean(false));
    }

    public void revoke(VaultLease lease) {
        session.call(token -> http.put(REVOKE, token, Map.of("lease_id", lease.leaseId())));
    }
}
