package io.gatehouse.dataplane.policy;

import io.gatehouse.dataplane.masking.MaskingPolicy;

import java.net.URI;
import java.time.Duration;

/**
 * An upstream API. {@code pathPrefix} is canonical ("/demo"); {@code masking} holds its compiled
 * response masking rules ({@link MaskingPolicy#NONE} when it has none); {@code recording} what its calls' audit
 * records hold; {@code identityAssertion} the signed assertion its upstream gets (null: none).
 */
public record Resource(String name, String pathPrefix, URI upstream, CredentialInjection injection,
                       MaskingPolicy masking, Duration upstreamTimeout, String host, Recording recording,
                       IdentityAssertion identityAssertion) {

    public Resource {
        recording = recording == null ? Recording.DEFAULT : recording;
    }

    /** A resource without identity assertion. */
    public Resource(String name, String pathPrefix, URI upstream, CredentialInjection injection, MaskingPolicy masking,
                    Duration upstreamTimeout, String host, Recording recording) {
        this(name, pathPrefix, upstream, injection, masking, upstreamTimeout, host, recording, null);
    }

    /** A resource with the default recording (metadata, fail closed when the spool is full). */
    public Resource(String name, String pathPrefix, URI upstream, CredentialInjection injection, MaskingPolicy masking,
                    Duration upstreamTimeout, String host) {
        this(name, pathPrefix, upstream, injection, masking, upstreamTimeout, host, Recording.DEFAULT);
    }

    public boolean masks() {
        return masking.masks();
    }

    public InjectionStyle injectionStyle() {
        return injection.style();
    }
}
