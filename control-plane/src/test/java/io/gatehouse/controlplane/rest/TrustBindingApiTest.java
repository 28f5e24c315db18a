package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

/** Trust bindings as the admin API shows them, and an identity written through it that overlaps another. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class TrustBindingApiTest {

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void bindingsShowEveryMatcherAndTheForceFlag() {
        String config = TestConfigs.EXAMPLE.replace("claims: {repository: acme/deploy, ref: refs/heads/main}",
                "claims: {repository: acme/deploy, ref: {glob: \"refs/heads/*\"}, run: {regex: \"[0-9]+\"},"
                        + " kubernetes.io/namespace: {oneOf: [ci, cd]}}\n        force: true");
        policyUpdates.apply(loader.parse(config, "matchers.yaml"), "matchers.yaml");

        given().when().get("/api/v1/identities/deploy-bot").then().statusCode(200)
                .body("oidcBindings[0].issuer", equalTo("http://127.0.0.1:8090/ci"))
                .body("oidcBindings[0].claims.repository", equalTo("acme/deploy"))
                .body("oidcBindings[0].claims.ref.glob", equalTo("refs/heads/*"))
                .body("oidcBindings[0].claims.run.regex", equalTo("[0-9]+"))
                .body("oidcBindings[0].claims['kubernetes.io/namespace'].oneOf", equalTo(List.of("cd", "ci")))
                .body("oidcBindings[0].force", equalTo(true));
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anIdentityWhoseBindingAcceptsAnotherIdentitysTokensIsRefused() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");

        given().contentType("application/json").body("""
                        {"name": "copycat", "kind": "ci-job", "owner": {"team": "platform", "contact": "p@acme.example"},
                         "purpose": "Would take deploy-bot's tokens", "expires": "2027-03-01T00:00:00Z",
                         "trust": {"oidc": {"issuer": "http://127.0.0.1:8090/ci", "audiences": ["gatehouse"],
                                            "claims": {"repository": {"glob": "acme/*"}}}}}
                        """)
                .when().post("/api/v1/identities")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.message.toString()", containsString("of identity 'deploy-bot'"));
    }
}
