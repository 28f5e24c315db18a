package io.gatehouse.dataplane.auth;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Verifies a parsed token: its signature with the algorithm it names and one of the keys that may have made it, then
 * its time claims. The signature comes first, so a forged token learns nothing about what else is wrong with it.
 */
final class JwtVerifier {

    private final TokenTimeRules timeRules;
    private final Clock clock;

    JwtVerifier(TokenTimeRules timeRules, Clock clock) {
        this.timeRules = timeRules;
        this.clock = clock;
    }

    /**
     * @param keys the keys the token may be signed with, each already known to fit {@code algorithm}; none refuses it
     * @throws AuthenticationException when the signature, a time claim or the audience claim is not valid
     */
    VerifiedToken verify(CompactJwt jwt, JwsAlgorithm algorithm, List<PublicKey> keys, String issuer) {
        if (keys.isEmpty()) {
            throw new AuthenticationException(TokenRefusals.REFUSED);
        }
        if (!signedByOneOf(keys, jwt, algorithm)) {
            throw new AuthenticationException(TokenRefusals.SIGNATURE_INVALID);
        }
        Instant expiresAt = timeRules.check(jwt.claims(), clock.instant());
        try {
            Set<String> audiences = TokenClaims.audiences(jwt.claims());
            return new VerifiedToken(issuer, audiences, jwt.claims(), expiresAt);
        } catch (TokenClaims.MalformedClaimException e) {
            throw new AuthenticationException(TokenRefusals.MALFORMED_CLAIMS);
        }
    }

    private static boolean signedByOneOf(List<PublicKey> keys, CompactJwt jwt, JwsAlgorithm algorithm) {
        for (PublicKey key : keys) {
            if (algorithm.verifies(key, jwt.signedBytes(), jwt.signature())) {
                return true;
            }
        }
        return false;
    }
}
