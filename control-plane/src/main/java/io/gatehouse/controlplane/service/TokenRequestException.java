package io.gatehouse.controlplane.service;

/**
 * A token request refused with an RFC 6749 (section 5.2) or RFC 8693 (section 2.2.2) error code; the
 * description says why without revealing whether the client exists, and never quotes a token.
 */
public class TokenRequestException extends RuntimeException {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INVALID_CLIENT = "invalid_client";
    public static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
    public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";
    public static final String INVALID_GRANT = "invalid_grant";
    /** RFC 8693: the requested audience or resource is not one the token service issues tokens for. */
    public static final String INVALID_TARGET = "invalid_target";
    /** The token service cannot answer now (an issuer's keys cannot be fetched): 503. */
    public static final String TEMPORARILY_UNAVAILABLE = "temporarily_unavailable";

    private final String error;

    public TokenRequestException(String error, String description) {
        super(description);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
