package io.gatehouse.controlplane.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/**
 * An upstream API behind the gateway and how requests are routed, credentialed and masked.
 *
 * @param credentialSource where the vault broker finds the credential ({@code null}: its static store)
 * @param dataPlanePools   the data-plane pools that may receive the credential (empty: the default pool)
 * @param host             the request host this resource serves, lower case; {@code null} for any host
 * @param recording        what the audit record of each call holds ({@link RecordingPolicy#DEFAULT} when not declared)
 * @param identityAssertion the signed identity assertion forwarded calls carry; {@code null}: none
 */
public record ResourceDefinition(
        String name,
        String pathPrefix,
        String upstreamUrl,
        CredentialInjection injection,
        List<String> maskedFields,
        List<MaskingRuleDefinition> maskingRules,
        Duration upstreamTimeout,
        CredentialSource credentialSource,
        List<String> dataPlanePools,
        String host,
        RecordingPolicy recording,
        IdentityAssertion identityAssertion) {

    /** Used when a resource declares no timeout. */
    public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(30);
    /** The pool a data plane belongs to unless its join token names another; serves resources that name no pool. */
    public static final String DEFAULT_DATA_PLANE_POOL = "default";

    public ResourceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(upstreamUrl, "upstreamUrl");
        Objects.requireNonNull(injection, "injection");
        Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
        maskedFields = List.copyOf(new TreeSet<>(maskedFields));
        // in declared order: it names rules without a name
        maskingRules = maskingRules == null ? List.of() : List.copyOf(maskingRules);
        credentialSource = credentialSource == null ? CredentialSource.defaultSource() : credentialSource;
        host = host == null || host.isEmpty() ? null : host;
        recording = recording == null ? RecordingPolicy.DEFAULT : recording;
        dataPlanePools = dataPlanePools == null || dataPlanePools.isEmpty()
                ? List.of(DEFAULT_DATA_PLANE_POOL) : List.copyOf(new TreeSet<>(dataPlanePools));
    }
}
