package io.gatehouse.controlplane.domain;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** An upstream API behind the gateway and how requests are routed, credentialed and masked. */
public record ResourceDefinition(
        String name,
        String pathPrefix,
        String upstreamUrl,
        CredentialInjection injection,
        List<String> maskedFields,
        List<MaskingRuleDefinition> maskingRules,
        Duration upstreamTimeout) {

    /** Used when a resource declares no timeout. */
    public static final Duration DEFAULT_UPSTREAM_TIMEOUT = Duration.ofSeconds(30);

    public ResourceDefinition {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(pathPrefix, "pathPrefix");
        Objects.requireNonNull(upstreamUrl, "upstreamUrl");
        Objects.requireNonNull(injection, "injection");
        Objects.requireNonNull(upstreamTimeout, "upstreamTimeout");
        maskedFields = List.copyOf(new TreeSet<>(maskedFields));
        // in declared order: it names rules without a name
        maskingRules = maskingRules == null ? List.of() : List.copyOf(maskingRules);
    }
}
