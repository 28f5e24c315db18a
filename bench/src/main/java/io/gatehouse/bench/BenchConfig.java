package io.gatehouse.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * The policy and secret store of the benchmark: one identity and two resources on the same upstream, neither
 * masking. {@code plain} is the closest this gateway has to a passthrough (a resource without identity features
 * cannot be declared: every call is authenticated, authorized, gets a credential injected and is recorded):
 * default recording, metadata only. {@code full} records the allow-listed headers and the first 4 KiB of both
 * bodies. The spool syncs as configured by default ({@code interval}).
 */
final class BenchConfig {

    static final String PASSTHROUGH = "plain";
    static final String FULL = "full";

    private BenchConfig() {
    }

    static String policy(String ciIssuerUrl, String upstreamUrl) {
        return """
                identities:
                  - name: deploy-bot
                    kind: ci-job
                    owner: {team: platform, contact: platform@acme.example}
                    purpose: Benchmark load
                    expires: %1$s
                    trust:
                      oidc:
                        issuer: %5$s
                        audiences: [gatehouse]
                        claims: {repository: acme/deploy, ref: refs/heads/main}
                resources:
                  - name: %2$s
                    pathPrefix: /%2$s
                    upstream: %4$s
                    credential: {injection: bearer}
                    timeout: 10s
                  - name: %3$s
                    pathPrefix: /%3$s
                    upstream: %4$s
                    credential: {injection: bearer}
                    timeout: 10s
                    recording:
                      level: bodies
                      headers: [content-type, accept]
                      bodyBytes: 4096
                grants:
                  - {identity: deploy-bot, resource: %2$s, methods: [GET], paths: ["/**"]}
                  - {identity: deploy-bot, resource: %3$s, methods: [GET], paths: ["/**"]}
                """.formatted(Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), PASSTHROUGH, FULL,
                upstreamUrl, ciIssuerUrl);
    }

    static String secrets(String upstreamSecret) {
        return """
                secrets:
                  %s: {value: "%s", ttl: 1h}
                  %s: {value: "%s", ttl: 1h}
                """.formatted(PASSTHROUGH, upstreamSecret, FULL, upstreamSecret);
    }
}
