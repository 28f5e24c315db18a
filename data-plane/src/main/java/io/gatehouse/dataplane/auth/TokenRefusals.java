package io.gatehouse.dataplane.auth;

/**
 * Why a caller's token was refused, as the caller is told: never the token, never a key, and no more detail
 * than the caller needs to fix its own side.
 */
final class TokenRefusals {

    static final String MALFORMED = "bearer token is not a well-formed JWT";
    static final String SIGNATURE_INVALID = "bearer token signature is not valid";
    static final String EXPIRED = "bearer token has expired";
    static final String MALFORMED_CLAIMS = "bearer token has malformed claims";
    /** An algorithm, key or time claim that is not acceptable: which one is not said, so as not to guide a forger. */
    static final String REFUSED = "bearer token was refused: it is not signed by a known key of its issuer with an allowed algorithm, "
            + "or its time claims are not valid";

    private TokenRefusals() {
    }
}
