package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.auth.HttpJsonFetcher;
import io.gatehouse.dataplane.auth.HttpJsonFetcher.JsonResponse;
import io.gatehouse.dataplane.policy.OAuth2Settings;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.json.JsonObject;

import java.time.Duration;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * One RFC 6749 4.4 access token request: {@code grant_type=client_credentials} with the configured
 * scope and audience, the client authenticated by HTTP Basic (2.3.1, form-urlencoded id and secret) or
 * by {@code client_id}/{@code client_secret} in the body. Only a 200 with a Bearer token (RFC 6750
 * b64token syntax, so it is safe in a header) is an answer; anything else fails with a reason that names
 * the status and, from the RFC's list only, the error code, never the endpoint's free text (an
 * {@code error_description} may quote what it was sent).
 */
final class OAuth2TokenClient {

    private static final Set<String> RFC_ERRORS = Set.of("invalid_request", "invalid_client", "invalid_grant",
            "unauthorized_client", "unsupported_grant_type", "invalid_scope");
    private static final Pattern B64TOKEN = Pattern.compile("[A-Za-z0-9\\-._~+/]+=*");

    private final HttpJsonFetcher http;

    OAuth2TokenClient(HttpJsonFetcher http) {
        this.http = http;
    }

    Future<AccessToken> requestToken(String resource, OAuth2Settings settings, ClientCredentials client) {
        MultiMap headers = MultiMap.caseInsensitiveMultiMap();
        StringJoiner form = new StringJoiner("&").add("grant_type=client_credentials");
        if (!settings.scopes().isEmpty()) {
            form.add("scope=" + QueryCredential.encode(String.join(" ", settings.scopes())));
        }
        if (settings.audience() != null) {
            form.add("audience=" + QueryCredential.encode(settings.audience()));
        }
        switch (settings.clientAuth()) {
            case CLIENT_SECRET_BASIC -> headers.set("Authorization", client.basicAuthorization());
            case CLIENT_SECRET_POST -> form.add("client_id=" + QueryCredential.encode(client.clientId()))
                    .add("client_secret=" + QueryCredential.encode(client.clientSecret()));
        }
        String endpoint = settings.tokenUrl().toString();
        return http.postForm(endpoint, headers, form.toString())
                .recover(failure -> Future.failedFuture(new OAuth2TokenException("the token endpoint " + endpoint
                        + " of resource '" + resource + "' could not be reached or answered too much ("
                        + failure.getClass().getSimpleName() + ")")))
                .map(response -> accessToken(resource, endpoint, response));
    }

    private static AccessToken accessToken(String resource, String endpoint, JsonResponse response) {
        String where = "the token endpoint " + endpoint + " of resource '" + resource + "'";
        JsonObject body = response.body();
        if (response.status() != 200) {
            Object error = body == null ? null : body.getValue("error");
            String code = error instanceof String text && RFC_ERRORS.contains(text) ? text : "no standard error code";
            throw new OAuth2TokenException(where + " refused the token request: HTTP " + response.status() + ", " + code
                    + (code.equals("invalid_client") ? " (check the client id and secret behind the resource's credential"
                    + " and the clientAuth method)" : ""));
        }
        if (body == null || !(body.getValue("access_token") instanceof String token) || !B64TOKEN.matcher(token).matches()) {
            throw new OAuth2TokenException(where + " answered 200 without a usable access_token");
        }
        if (!(body.getValue("token_type") instanceof String type) || !type.equalsIgnoreCase("Bearer")) {
            throw new OAuth2TokenException(where + " issued a token that is not of type Bearer");
        }
        Object expiresIn = body.getValue("expires_in");
        Duration lifetime = null;
        if (expiresIn instanceof Number seconds && seconds.longValue() > 0) {
            lifetime = Duration.ofSeconds(seconds.longValue());
        } else if (expiresIn instanceof String text && text.matches("[0-9]{1,10}") && Long.parseLong(text) > 0) {
            // not RFC 6749 5.1, but sent by some servers
            lifetime = Duration.ofSeconds(Long.parseLong(text));
        } else if (expiresIn != null) {
            throw new OAuth2TokenException(where + " sent an expires_in that is not a positive number of seconds");
        }
        return new AccessToken(token, lifetime);
    }
}
