package io.gatehouse.dataplane.credential;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * An OAuth2 client's id and secret, from a credential shaped {@code client_id:client_secret} (the
 * broker joins the keys with ':'; the id is what comes before the first ':'). Never printed.
 */
record ClientCredentials(String clientId, String clientSecret) {

    static ClientCredentials parse(String credential) {
        int colon = credential.indexOf(':');
        if (colon <= 0 || colon == credential.length() - 1) {
            throw new IllegalArgumentException("an OAuth2 client credential must be client_id:client_secret");
        }
        return new ClientCredentials(credential.substring(0, colon), credential.substring(colon + 1));
    }

    /** RFC 6749 2.3.1: HTTP Basic over the form-urlencoded id and secret. */
    String basicAuthorization() {
        String pair = QueryCredential.encode(clientId) + ":" + QueryCredential.encode(clientSecret);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    /** Every form in which the secret may travel or be echoed. */
    List<String> echoForms() {
        return List.of(clientSecret, QueryCredential.encode(clientSecret), clientId + ":" + clientSecret,
                basicAuthorization().substring("Basic ".length()));
    }

    @Override
    public String toString() {
        return "ClientCredentials[clientId=" + clientId + ", clientSecret=<redacted>]";
    }
}
