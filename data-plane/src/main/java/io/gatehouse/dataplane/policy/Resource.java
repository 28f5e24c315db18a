package io.gatehouse.dataplane.policy;

import io.gatehouse.dataplane.masking.MaskingPolicy;

import java.net.URI;
import java.time.Duration;

/**
 * An upstream API. {@code pathPrefix} is canonical ("/demo"); {@code masking} holds its compiled
 * response masking rules ({@link MaskingPolicy#NONE} when it has none).
 */
public record Resource(String name, String pathPrefix, URI upstream, CredentialInjection injection,
                       MaskingPolicy masking, Duration upstreamTimeout, String host) {

    public boolean masks() {
        return masking.masks();
    }

    public InjectionStyle injectionStyle() {
        return injection.style();
    }
}
