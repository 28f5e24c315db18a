package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.service.TokenRequestException;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/** RFC 6749 section 2.3.1: client id and secret in HTTP Basic are form-url-encoded before base64. */
final class FormUrl {

    private FormUrl() {
    }

    static String decode(String value) {
        try {
            return URLDecoder.decode(value, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new TokenRequestException(TokenRequestException.INVALID_CLIENT, "malformed HTTP Basic credentials");
        }
    }
}
