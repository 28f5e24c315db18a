package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A credential for one upstream, usable until {@code expiresAt}. Never printed: toString is redacted.
 * An access token bought with a client credential remembers that credential's forms, so an upstream
 * echoing the client secret is scrubbed as well as one echoing the token.
 */
public final class UpstreamCredential {

    private final String resource;
    private final String secret;
    private final Instant expiresAt;
    private final List<String> relatedSecretForms;
    private final Map<InjectionStyle, EchoForms> echoForms = new ConcurrentHashMap<>();

    public UpstreamCredential(String resource, String secret, Instant expiresAt) {
        this(resource, secret, expiresAt, List.of());
    }

    private UpstreamCredential(String resource, String secret, Instant expiresAt, List<String> relatedSecretForms) {
        this.resource = resource;
        this.secret = secret;
        this.expiresAt = expiresAt;
        this.relatedSecretForms = List.copyOf(relatedSecretForms);
    }

    /** An access token bought with this (client) credential, usable until {@code expiresAt}. */
    UpstreamCredential accessToken(String token, Instant tokenExpiresAt) {
        List<String> related = new ArrayList<>(relatedSecretForms);
        related.addAll(ClientCredentials.parse(secret).echoForms());
        return new UpstreamCredential(resource, token, tokenExpiresAt, related);
    }

    public String resource() {
        return resource;
    }

    /** The secret value; only the injector and the token client may call this. */
    String secret() {
        return secret;
    }

    /** True when both hold the same secret (a rotated credential does not). */
    boolean sameSecretAs(UpstreamCredential other) {
        return other != null && java.security.MessageDigest.isEqual(secret.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                other.secret.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /**
     * A scrubber for one response of a call this credential was injected into: it looks for the forms
     * that went out on the wire (for Basic, the base64 token; the plain {@code user:password} never did),
     * the plain value where an upstream may decode it (a query parameter), and related secrets.
     */
    public CredentialEchoScrubber echoScrubber(CredentialInjection injection) {
        return new CredentialEchoScrubber(echoForms.computeIfAbsent(injection.style(), this::echoFormsOf));
    }

    private EchoForms echoFormsOf(InjectionStyle style) {
        List<String> forms = new ArrayList<>(relatedSecretForms);
        switch (style) {
            case BASIC -> forms.add(CredentialInjector.basicToken(secret));
            case QUERY -> {
                forms.add(secret);
                forms.add(QueryCredential.encode(secret));
            }
            default -> forms.add(secret);
        }
        return EchoForms.of(forms);
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
