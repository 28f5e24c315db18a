package io.gatehouse.controlplane.config;

/** Declarative configs shared by the tests. */
public final class TestConfigs {

    /** The example of control-plane/README.md. */
    public static final String EXAMPLE = """
            identities:
              - name: deploy-bot
                kind: ci-job            # ci-job | service | cron | agent | other
                owner: {team: platform, contact: platform@acme.example}
                purpose: Deploys acme/deploy from main
                expires: 2027-06-30T00:00:00Z
                trust:
                  oidc:
                    issuer: http://127.0.0.1:8090/ci
                    audiences: [gatehouse]
                    claims: {repository: acme/deploy, ref: refs/heads/main}
            resources:
              - name: demo
                pathPrefix: /demo
                upstream: http://127.0.0.1:8091
                credential: {injection: bearer}          # or {injection: header, header: X-Api-Key}
                masking: {fields: [ssn]}
                timeout: 10s
            grants:
              - identity: deploy-bot
                resource: demo
                methods: [GET]
                paths: ["/customers/**"]
                expires: 2027-06-30T00:00:00Z          # optional
              - identity: deploy-bot
                resource: demo
                methods: [POST]
                paths: ["/refunds"]
                approval: {required: true, approverGroup: payments-approvers, quorum: 1}
            """;

    private TestConfigs() {
    }
}
