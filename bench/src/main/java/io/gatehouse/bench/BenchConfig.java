package io.gatehouse.bench;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** The policy and secret store of the benchmark: one identity, one resource without masking. */
final class BenchConfig {

    private BenchConfig() {
    }

    static String policy(String ciIssuerUrl, String upstreamUrl) {
        return """
                identities:
                  - name: deploy-bot
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
                  - name: bench
                    pathPrefix: /bench
                    upstream: %s
                    credential: {injection: bearer}
                    timeout: 10s
                grants:
                  - identity: deploy-bot
                    resource: bench
                    methods: [GET]
                    paths: ["/**"]
                """.formatted(Instant.now().plus(30, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS), ciIssuerUrl, upstreamUrl);
    }

    static String secrets(String upstreamSecret) {
        return """
                secrets:
                  bench:
                    value: "%s"
                    ttl: 1h
                """.formatted(upstreamSecret);
    }
}
