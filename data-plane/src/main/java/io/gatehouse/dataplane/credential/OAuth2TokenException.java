package io.gatehouse.dataplane.credential;

/**
 * A resource's token endpoint did not issue an access token. The message is for the operator's log and
 * holds no secret; the caller gets 502 without it.
 */
public class OAuth2TokenException extends RuntimeException {

    public OAuth2TokenException(String message) {
        super(message, null, false, false);
    }
}
