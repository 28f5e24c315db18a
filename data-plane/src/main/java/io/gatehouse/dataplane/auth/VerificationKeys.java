package io.gatehouse.dataplane.auth;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import java.security.PublicKey;
import java.util.List;
import java.util.Optional;

/**
 * The key of an issuer's JWKS that verifies a token: the first with the token's key id (any, when it names none), of
 * the kind its algorithm needs, and meant for that algorithm when the JWKS says which one a key is for. One key, as
 * jose4j chose: a token without key id must not make the gateway try every key of its issuer.
 */
final class VerificationKeys {

    private VerificationKeys() {
    }

    static Optional<PublicKey> select(List<JsonWebKey> published, String keyId, JwsAlgorithm algorithm) {
        for (JsonWebKey jwk : published) {
            if ((keyId == null || keyId.equals(jwk.getKeyId()))
                    && (jwk.getAlgorithm() == null || jwk.getAlgorithm().equals(algorithm.name()))
                    && jwk instanceof PublicJsonWebKey publicJwk
                    && algorithm.fits(publicJwk.getPublicKey())) {
                return Optional.of(publicJwk.getPublicKey());
            }
        }
        return Optional.empty();
    }
}
