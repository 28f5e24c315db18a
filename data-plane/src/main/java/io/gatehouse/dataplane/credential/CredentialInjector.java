package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.policy.Resource;
import io.vertx.core.MultiMap;

/** Puts a resource's credential on the upstream request the way the resource asks for it. */
public final class CredentialInjector {

    private CredentialInjector() {
    }

    public static void inject(Resource resource, UpstreamCredential credential, MultiMap upstreamHeaders) {
        switch (resource.injectionStyle()) {
            case BEARER -> upstreamHeaders.set("Authorization", "Bearer " + credential.secret());
            case HEADER -> upstreamHeaders.set(resource.injectionHeader(), credential.secret());
        }
    }
}
