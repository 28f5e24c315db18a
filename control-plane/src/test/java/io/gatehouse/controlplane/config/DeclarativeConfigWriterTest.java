package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.PolicyModel;
import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeclarativeConfigWriterTest {

    /** Every kind of setting the file format has, most of them away from their defaults. */
    static final String EVERYTHING = """
            identities:
              - name: deploy-bot
                kind: ci-job
                owner: {team: platform, contact: platform@acme.example}
                purpose: "Deploys: acme/deploy from main"
                expires: 2027-06-30T00:00:00Z
                rateLimit: {requests: 600, per: 1m, burst: 100}
                trust:
                  oidc:
                    - issuer: http://127.0.0.1:8090/ci
                      audiences: [gatehouse, other]
                      claims: {repository: acme/deploy, ref: refs/heads/main}
                    - issuer: https://gitlab.example/
                      audiences: [gatehouse]
                      claims: {project_path: acme/deploy}
                    - issuer: https://ci.acme.example
                      audiences: [gatehouse]
                      claims:
                        sub: {regex: "job-[0-9]+"}
                        ref: {glob: "refs/heads/release/*"}
                        team: {oneOf: [payments, "true", "42"]}
                        kubernetes.io/namespace: ci
                        https:~1~1acme.example~1tier: "007"
                        protected: true
                        run_attempt: 2
                      force: true
                  githubActions: {repository: acme/deploy, ref: {glob: "refs/tags/v*"}, environment: prod}
                  kubernetes: {issuer: "https://k8s.acme.example", namespace: ci, serviceAccount: deployer, audience: gatehouse}
              - name: nightly
                kind: cron
                owner: {team: data, contact: "#data-oncall"}
                purpose: "123"
                expires: 2027-01-01T12:30:00+02:00
                status: suspended
                rateLimit: {requests: 5, per: 1s}
            resources:
              - name: billing
                pathPrefix: /billing
                upstream: https://billing.internal/api/
                credential:
                  injection: header
                  header: X-Api-Key
                  source: {vault: {kv: {mount: kv/apps, path: billing/api, keys: [user, pass], version: 3}}}
                  ttl: 90s
                  dataPlanes: [edge, default]
                masking:
                  fields: [ssn, Card]
                  rules:
                    - {name: cards, detector: payment-card, action: partial, keepLast: 4}
                    - {path: "$.customers[*].email", caseSensitive: true, action: hash}
                    - {regex: "ACME-[0-9]{6}", action: redact, replacement: "[ticket]"}
                    - {field: secret, action: drop}
                timeout: 1500ms
              - name: db
                host: DB.internal.example
                pathPrefix: /
                upstream: http://db.internal
                credential: {injection: basic, source: {vault: {database: {mount: database, role: readonly}}}}
                timeout: 2m
              - name: cloud
                pathPrefix: /cloud/v1
                upstream: http://cloud.internal
                credential: {injection: bearer, source: {vault: {lease: {path: aws/creds/deploy, key: access_key}}}, ttl: PT0.0015S}
            grants:
              - identity: deploy-bot
                resource: billing
                methods: [get, HEAD]
                paths: ["/invoices/*", "/customers/**"]
                expires: 2027-06-30T00:00:00Z
              - identity: deploy-bot
                resource: billing
                methods: [POST]
                paths: ["/refunds"]
                approval: {required: true, approverGroup: payments-approvers, quorum: 2, holdTime: 20s, validity: 1h,
                           ownerTeamMayApprove: true, breakGlass: true}
              - identity: nightly
                resource: db
                methods: [GET]
                paths: ["/**"]
                approval: {required: false}
            """;

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void whatIsWrittenParsesBackToTheSameModel() {
        PolicyModel model = loader.parse(EVERYTHING, "everything.yaml");

        String written = DeclarativeConfigWriter.toYaml(model);

        assertEquals(model, loader.parse(written, "exported.yaml"), written);
        assertEquals(written, DeclarativeConfigWriter.toYaml(loader.parse(written, "exported.yaml")));
    }

    @Test
    void presetsAreWrittenAsTheGenericBindingsTheyExpandTo() {
        PolicyModel model = loader.parse(EVERYTHING, "everything.yaml");

        String written = DeclarativeConfigWriter.toYaml(model);

        assertFalse(written.contains("githubActions") || written.contains("kubernetes:"), written);
        assertTrue(written.contains("issuer: https://token.actions.githubusercontent.com"), written);
        assertTrue(written.contains("kubernetes.io/serviceaccount/name: deployer"), written);
        assertTrue(written.contains("force: true"), written);
    }

    @Test
    void theReadmeExampleRoundTrips() {
        PolicyModel model = loader.parse(TestConfigs.EXAMPLE, "example.yaml");
        assertEquals(model, loader.parse(DeclarativeConfigWriter.toYaml(model), "exported.yaml"));
    }

    @Test
    void defaultsAreLeftOut() {
        String written = DeclarativeConfigWriter.toYaml(loader.parse(TestConfigs.EXAMPLE, "example.yaml"));

        assertFalse(written.contains("dataPlanes"), written);
        assertFalse(written.contains("static") || written.contains("vault"), written);
        assertTrue(written.contains("timeout: 10s"), written);
    }

    @Test
    void anEmptyModelIsAnEmptyDocument() {
        assertEquals(PolicyModel.EMPTY, loader.parse(DeclarativeConfigWriter.toYaml(PolicyModel.EMPTY), "empty.yaml"));
    }

    @Test
    void durationsUseTheShortFormOnlyWhereItIsExact() {
        assertEquals("250ms", DeclarativeConfigWriter.duration(Duration.ofMillis(250)));
        assertEquals("90s", DeclarativeConfigWriter.duration(Duration.ofSeconds(90)));
        assertEquals("2m", DeclarativeConfigWriter.duration(Duration.ofMinutes(2)));
        assertEquals("36h", DeclarativeConfigWriter.duration(Duration.ofHours(36)));
        assertEquals("PT0.0015S", DeclarativeConfigWriter.duration(Duration.ofNanos(1_500_000)));
    }
}
