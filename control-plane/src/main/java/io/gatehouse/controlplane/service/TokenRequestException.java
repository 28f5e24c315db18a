package io.gatehouse.controlplane.service;

/**
 * A token request refused with an RFC 6749 (section 5.2) error code; the description says why
 * without revealing whether the client exists.
 */
public class TokenRequestException extends RuntimeException {

    public static final String INVALID_REQUEST = "invalid_request";
    public static final String INVALID_CLIENT = "invalid_client";
    public static final String UNAUTHORIZED_CLIENT = "unauthorized_client";
    public static final String UNSUPPORTED_GRANT_TYPE = "unsupported_grant_type";

    private final String error;

    public TokenRequestException(String error, String description) {
        super(description);
        this.error = error;
    }

    public String error() {
        return error;
    }
}
