package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Resource;
import io.vertx.core.MultiMap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Puts a resource's credential on the upstream request the way the resource asks for it. */
public final class CredentialInjector {

    private CredentialInjector() {
    }

    /** The header styles; an OAuth2 resource's credential here is its access token. */
    public static void inject(Resource resource, UpstreamCredential credential, MultiMap upstreamHeaders) {
        switch (resource.injectionStyle()) {
            case BEARER, OAUTH2_CLIENT_CREDENTIALS -> upstreamHeaders.set("Authorization", "Bearer " + credential.secret());
            case HEADER -> upstreamHeaders.set(resource.injection().name(), credential.secret());
            case BASIC -> upstreamHeaders.set("Authorization", "Basic " + basicToken(credential.secret()));
            case QUERY -> {
                // in the query: see upstreamQuery
            }
        }
    }

    /** The raw query sent upstream: the caller's, or for the query style the caller's without the parameter plus the credential. */
    public static String upstreamQuery(Resource resource, UpstreamCredential credential, String callerQuery) {
        return switch (resource.injectionStyle()) {
            case QUERY -> QueryCredential.withCredential(callerQuery, resource.injection().name(), credential.secret());
            default -> callerQuery;
        };
    }

    /**
     * The caller's query as it may be recorded or shown (an approval request): for the query style without
     * the credential's parameter, which the gateway replaces anyway.
     */
    public static String recordableQuery(Resource resource, String callerQuery) {
        return resource.injectionStyle() == InjectionStyle.QUERY
                ? QueryCredential.withoutParameter(callerQuery, resource.injection().name())
                : callerQuery;
    }

    /** RFC 7617: base64 of {@code user:password} in UTF-8. */
    static String basicToken(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
