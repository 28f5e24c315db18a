package io.gatehouse.dataplane.auth;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.Set;

/**
 * Verifies a parsed token: its signature with the algorithm it names and the key chosen for it, then its time
 * claims. The signature comes first, so a forged token learns nothing about what else is wrong with it.
 */
final class JwtVerifier {

    private final TokenTimeRules timeRules;
    private final Clock clock;

    JwtVerifier(TokenTimeRules timeRules, Clock clock) {
        this.timeRules = timeRules;
        this.clock = clock;
    }

    /**
     * @param key the key the token must be signed with, known to fit {@code algorithm}
     * @throws AuthenticationException when the signature, a time claim or the audience claim is not valid
     */
    VerifiedToken verify(CompactJwt jwt, JwsAlgorithm algorithm, PublicKey key, String issuer) {
        if (!algorithm.verifies(key, jwt.signedBytes(), jwt.signature())) {
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
}
