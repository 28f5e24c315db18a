package io.gatehouse.dataplane.policy;

import io.gatehouse.dataplane.masking.MaskingPolicy;

import java.net.URI;
import java.time.Duration;

/**
 * An upstream API. {@code pathPrefix} is canonical ("/demo"); {@code masking} holds its compiled
 * response masking rules ({@link MaskingPolicy#NONE} when it has none); {@code recording} what its calls' audit
 * records hold.
 */
public record Resource(String name, String pathPrefix, URI upstream, CredentialInjection injection,
                       MaskingPolicy masking, Duration upstreamTimeout, String host, Recording recording) {

    public Resource {
        recording = recording == null ? Recording.DEFAULT : recording;
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
