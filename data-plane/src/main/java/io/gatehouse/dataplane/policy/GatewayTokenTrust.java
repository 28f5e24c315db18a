package io.gatehouse.dataplane.policy;

import java.security.PublicKey;
import java.util.Map;
import java.util.Optional;

/**
 * How this data plane recognises the control plane's own gateway tokens: their issuer and audience,
 * and the keys (delivered with the signed snapshot) they must be signed with. Such a token names its
 * identity in {@code sub}; no trust binding is involved.
 */
public record GatewayTokenTrust(String issuer, String audience, Map<String, PublicKey> keys) {

    public static final GatewayTokenTrust NONE = new GatewayTokenTrust("", "", Map.of());

    public GatewayTokenTrust {
        keys = Map.copyOf(keys);
    }

    /** Whether tokens of {@code tokenIssuer} are gateway tokens. */
    public boolean issues(String tokenIssuer) {
        return !issuer.isEmpty() && issuer.equals(tokenIssuer);
    }

    public Optional<PublicKey> key(String keyId) {
        return Optional.ofNullable(keyId == null ? null : keys.get(keyId));
    }
}
