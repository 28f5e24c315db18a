package io.gatehouse.controlplane.model;

import io.gatehouse.controlplane.domain.OAuth2ClientAuth;
import io.gatehouse.controlplane.domain.OAuth2ClientCredentials;

import java.util.ArrayList;
import java.util.List;

/** The JSON stored in {@code resource.injection_oauth2}: a token endpoint and how to ask it; never a secret. */
public class OAuth2Column {

    public String tokenUrl;
    public List<String> scopes = new ArrayList<>();
    public String audience;
    public OAuth2ClientAuth clientAuth = OAuth2ClientAuth.CLIENT_SECRET_BASIC;

    /** {@code null} for a resource injected another way. */
    public static OAuth2Column of(OAuth2ClientCredentials settings) {
        if (settings == null) {
            return null;
        }
        OAuth2Column column = new OAuth2Column();
        column.tokenUrl = settings.tokenUrl();
        column.scopes = new ArrayList<>(settings.scopes());
        column.audience = settings.audience();
        column.clientAuth = settings.clientAuth();
        return column;
    }

    public OAuth2ClientCredentials toDomain() {
        return new OAuth2ClientCredentials(tokenUrl, scopes, audience, clientAuth);
    }
}
