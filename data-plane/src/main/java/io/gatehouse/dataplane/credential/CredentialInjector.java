package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.policy.Resource;
import io.vertx.core.MultiMap;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

/** Puts a resource's credential on the upstream request the way the resource asks for it. */
public final class CredentialInjector {

    private CredentialInjector() {
    }

    public static void inject(Resource resource, UpstreamCredential credential, MultiMap upstreamHeaders) {
        switch (resource.injectionStyle()) {
            case BEARER -> upstreamHeaders.set("Authorization", "Bearer " + credential.secret());
            case HEADER -> upstreamHeaders.set(resource.injectionHeader(), credential.secret());
            case BASIC -> upstreamHeaders.set("Authorization", "Basic " + basicToken(credential.secret()));
        }
    }

    /** RFC 7617: base64 of {@code user:password} in UTF-8. */
    static String basicToken(String userAndPassword) {
        return Base64.getEncoder().encodeToString(userAndPassword.getBytes(StandardCharsets.UTF_8));
    }
}
