package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.policy.InjectionStyle;

import java.time.Instant;

/** A credential for one upstream, usable until {@code expiresAt}. Never printed: toString is redacted. */
public final class UpstreamCredential {

    private final String resource;
    private final String secret;
    private final Instant expiresAt;

    public UpstreamCredential(String resource, String secret, Instant expiresAt) {
        this.resource = resource;
        this.secret = secret;
        this.expiresAt = expiresAt;
    }

    public String resource() {
        return resource;
    }

    /** The secret value; only the injector may call this. */
    String secret() {
        return secret;
    }

    /**
     * A scrubber for one response of a call this credential was injected into: it looks for the form
     * that went out on the wire (for Basic, the base64 token; the plain {@code user:password} never did).
     */
    public CredentialEchoScrubber echoScrubber(InjectionStyle style) {
        return new CredentialEchoScrubber(style == InjectionStyle.BASIC ? CredentialInjector.basicToken(secret) : secret);
    }

    public Instant expiresAt() {
        return expiresAt;
    }

    public boolean usableAt(Instant now) {
        return now.isBefore(expiresAt);
    }

    @Override
    public String toString() {
        return "UpstreamCredential[resource=" + resource + ", secret=<redacted>, expiresAt=" + expiresAt + "]";
    }
}
