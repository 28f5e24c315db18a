package io.gatehouse.dataplane.auth;

import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;

import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;

/**
 * The keys of an issuer's JWKS that may verify a token: those with the token's key id (any, when it names none), of
 * the kind its algorithm needs, and meant for that algorithm when the JWKS says which one a key is for.
 */
final class VerificationKeys {

    private VerificationKeys() {
    }

    static List<PublicKey> select(List<JsonWebKey> published, String keyId, JwsAlgorithm algorithm) {
        List<PublicKey> selected = new ArrayList<>(1);
        for (JsonWebKey jwk : published) {
            if ((keyId == null || keyId.equals(jwk.getKeyId()))
                    && (jwk.getAlgorithm() == null || jwk.getAlgorithm().equals(algorithm.name()))
                    && jwk instanceof PublicJsonWebKey publicJwk
                    && algorithm.fits(publicJwk.getPublicKey())) {
                selected.add(publicJwk.getPublicKey());
            }
        }
        return selected;
    }
}
