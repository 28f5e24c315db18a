package io.gatehouse.dataplane.policy;

public enum InjectionStyle {
    BEARER, HEADER, BASIC,
    /** A named query parameter; a caller's parameter of that name never reaches the upstream. */
    QUERY,
    /** RFC 6749 4.4: the credential buys an access token at a token endpoint; the token goes out as Bearer. */
    OAUTH2_CLIENT_CREDENTIALS
}
