package io.gatehouse.dataplane.auth;

import java.time.DateTimeException;
import java.time.Instant;
import java.util.Map;

/**
 * The time claims a token must satisfy, each with the configured clock skew (the rules jose4j applied): an
 * expiry ({@code exp}) that has not passed; a not-before ({@code nbf}) that has come; an issue time ({@code iat}) not
 * in the future, as a token "issued" later than now is forged or from a broken clock (exp already bounds the past);
 * and an expiry after both.
 */
final class TokenTimeRules {

    private final long clockSkewSeconds;

    TokenTimeRules(long clockSkewSeconds) {
        this.clockSkewSeconds = clockSkewSeconds;
    }

    /** The token's expiry. @throws AuthenticationException when a rule is broken or a time claim is malformed */
    Instant check(Map<String, Object> claims, Instant now) {
        try {
            return checkedExpiry(claims, now.getEpochSecond());
        } catch (TokenClaims.MalformedClaimException | ArithmeticException | DateTimeException outOfRange) {
            throw new AuthenticationException(TokenRefusals.REFUSED);
        }
    }

    private Instant checkedExpiry(Map<String, Object> claims, long now) throws TokenClaims.MalformedClaimException {
        Long expiry = TokenClaims.seconds(claims, "exp");
        Long notBefore = TokenClaims.seconds(claims, "nbf");
        Long issuedAt = TokenClaims.seconds(claims, "iat");
        if (expiry == null) {
            throw new AuthenticationException(TokenRefusals.REFUSED);
        }
        if (Math.subtractExact(now, clockSkewSeconds) >= expiry) {
            throw new AuthenticationException(TokenRefusals.EXPIRED);
        }
        boolean expiresBeforeItStarts = issuedAt != null && expiry < issuedAt || notBefore != null && expiry < notBefore;
        boolean notYetValid = notBefore != null && Math.addExact(now, clockSkewSeconds) < notBefore;
        // as jose4j bounded iat: the skew is allowed in the future on top of the skew itself, and ~68 years in the past
        boolean issuedInTheFuture = issuedAt != null && Math.subtractExact(Math.subtractExact(issuedAt, now), clockSkewSeconds) > clockSkewSeconds;
        boolean issuedTooLongAgo = issuedAt != null && Math.subtractExact(Math.subtractExact(now, issuedAt), clockSkewSeconds) > Integer.MAX_VALUE;
        if (expiresBeforeItStarts || notYetValid || issuedInTheFuture || issuedTooLongAgo) {
            throw new AuthenticationException(TokenRefusals.REFUSED);
        }
        return Instant.ofEpochSecond(expiry);
    }
}
