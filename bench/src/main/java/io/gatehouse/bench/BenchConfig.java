package io.gatehouse.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/**
 * The policy and secret store of the benchmarks: one identity and one or two resources on the same upstream, neither
 * masking. {@code plain} is the closest this gateway has to a passthrough (a resource without identity features
 * cannot be declared: every call is authenticated, authorized, gets a credential injected and is recorded):
 * default recording, metadata only. {@code full} records the allow-listed headers and the first 4 KiB of both
 * bodies. The spool syncs as configured by default ({@code interval}).
 */
final class BenchConfig {

    static final String PASSTHROUGH = "plain";
    static final String FULL = "full";
    static final String IDENTITY = "deploy-bot";

    private BenchConfig() {
    }

    /** Both resources, {@link #PASSTHROUGH} and {@link #FULL}. */
    static String policy(String ciIssuerUrl, String upstreamUrl) {
        return policy(ciIssuerUrl, upstreamUrl, List.of(PASSTHROUGH, FULL));
    }

    /** The identity, granted GET on each of {@code resources} (each {@link #PASSTHROUGH} or {@link #FULL}). */
    static String policy(String ciIssuerUrl, String upstreamUrl, List<String> resources) {
        StringBuilder yaml = new StringBuilder("""
                identities:
                  - name: %s
                    kind: ci-job
                    owner: {team: platform, contact: platform@acme.example}
                    purpose: Benchmark load
                    expires: %s
                    trust:
                      oidc:
                        issuer: %s
                        audiences: [gatehouse]
                        claims: {repository: acme/deploy, ref: refs/heads/main}
                resources:
                """.formatted(IDENTITY, Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), ciIssuerUrl));
        for (String resource : resources) {
            yaml.append("""
                      - name: %1$s
                        pathPrefix: /%1$s
                        upstream: %2$s
                        credential: {injection: bearer}
                        timeout: 10s
                    """.formatted(resource, upstreamUrl));
            if (resource.equals(FULL)) {
                yaml.append("""
                            recording:
                              level: bodies
                              headers: [content-type, accept]
                              bodyBytes: 4096
                        """);
            }
        }
        yaml.append("grants:\n");
        for (String resource : resources) {
            yaml.append("  - {identity: %s, resource: %s, methods: [GET], paths: [\"/**\"]}\n".formatted(IDENTITY, resource));
        }
        return yaml.toString();
    }

    static String secrets(String upstreamSecret) {
        return secrets(upstreamSecret, List.of(PASSTHROUGH, FULL));
    }

    static String secrets(String upstreamSecret, List<String> resources) {
        StringBuilder yaml = new StringBuilder("secrets:\n");
        for (String resource : resources) {
            yaml.append("  %s: {value: \"%s\", ttl: 1h}\n".formatted(resource, upstreamSecret));
        }
        return yaml.toString();
    }
}
