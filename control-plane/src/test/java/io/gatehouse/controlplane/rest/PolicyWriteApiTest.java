package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.domain.AuditFilter;
import io.gatehouse.controlplane.domain.AuditQuery;
import io.gatehouse.controlplane.domain.StoredAuditEvent;
import io.gatehouse.controlplane.service.AuditStore;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.controlplane.service.SnapshotPublisher;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The admin API's writes: per role, with ETags, validation problems, the audit trail and the snapshot. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class PolicyWriteApiTest {

    private static final String PAYMENTS_BOT = """
            {"name": "payments-bot", "kind": "service", "owner": {"team": "payments", "contact": "pay@acme.example"},
             "purpose": "Settles invoices", "expires": "2027-03-01T00:00:00Z",
             "trust": {"oidc": {"issuer": "https://issuer.example", "audiences": ["gatehouse"],
                                "claims": {"sub": "system:serviceaccount:payments:settler"}}}}
            """;
    private static final String PAYMENTS_GRANT = """
            identity: payments-bot
            resource: demo
            methods: [GET]
            paths: ["/invoices/**"]
            """;

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    SnapshotPublisher publisher;

    @Inject
    AuditStore audit;

    /** rest-assured sends YAML bodies as text. */
    private static RequestSpecification yaml() {
        return given().config(RestAssured.config().encoderConfig(EncoderConfig.encoderConfig()
                .encodeContentTypeAs("application/yaml", ContentType.TEXT))).contentType("application/yaml");
    }

    @BeforeEach
    void startFromTheReadmeExample() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anAdminCreatesReadsAndReplacesAnIdentityWithItsEtag() {
        String versionBefore = publisher.current().version();
        String created = given().contentType("application/json").body(PAYMENTS_BOT)
                .when().post("/api/v1/identities")
                .then().statusCode(201)
                .header("Location", containsString("/api/v1/identities/payments-bot"))
                .body("owner.team", equalTo("payments"))
                .body("status", equalTo("ACTIVE"))
                .extract().header("ETag");
        assertTrue(created.startsWith("\""), created);
        assertNotEquals(versionBefore, publisher.current().version(), "the change reaches the snapshot at once");
        assertTrue(publisher.current().content().identity("payments-bot").isPresent());

        given().when().get("/api/v1/identities/payments-bot").then().statusCode(200).header("ETag", created);

        String changed = PAYMENTS_BOT.replace("Settles invoices", "Settles and refunds invoices");
        given().contentType("application/json").body(changed)
                .when().put("/api/v1/identities/payments-bot")
                .then().statusCode(428).contentType("application/problem+json")
                .body("detail", containsString("If-Match"));
        given().contentType("application/json").header("If-Match", "\"stale\"").body(changed)
                .when().put("/api/v1/identities/payments-bot")
                .then().statusCode(412).body("detail", containsString("has changed since it was read"));
        String replaced = given().contentType("application/json").header("If-Match", created).body(changed)
                .when().put("/api/v1/identities/payments-bot")
                .then().statusCode(200).body("purpose", equalTo("Settles and refunds invoices"))
                .extract().header("ETag");
        assertNotEquals(created, replaced);
        given().contentType("application/json").header("If-Match", created).body(PAYMENTS_BOT)
                .when().put("/api/v1/identities/payments-bot")
                .then().statusCode(412);

        given().contentType("application/json").body(PAYMENTS_BOT)
                .when().post("/api/v1/identities")
                .then().statusCode(409);
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void invalidEntriesAreRefusedWithEveryProblemAndItsField() {
        String invalid = PAYMENTS_BOT.replace("2027-03-01T00:00:00Z", "next spring").replace("\"service\"", "\"robot\"");

        given().contentType("application/json").body(invalid)
                .when().post("/api/v1/identities")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors.path", hasItem("expires"))
                .body("errors.path", hasItem("kind"))
                .body("errors.find { it.path == 'kind' }.message", containsString("allowed: ci-job, service"));
        yaml().body("identity: payments-bot\nresource: nowhere\nmethods: [GET]\npaths: [/x]\n")
                .when().post("/api/v1/grants")
                .then().statusCode(422)
                .body("errors.path", hasItem("identity"))
                .body("errors.path", hasItem("resource"));
        given().contentType("application/json").body(PAYMENTS_BOT)
                .when().put("/api/v1/identities/someone-else")
                .then().statusCode(422).body("errors[0].path", equalTo("name"));
        yaml().body("identities: [: nope")
                .when().post("/api/v1/identities")
                .then().statusCode(422).body("detail", containsString("not valid YAML"));
        given().contentType("application/json").body(PAYMENTS_BOT.replace("2027-03-01T00:00:00Z", "2099-01-01T00:00:00Z"))
                .when().post("/api/v1/identities")
                .then().statusCode(422)
                .body("errors[0].path", equalTo("expires"))
                .body("errors[0].message", containsString("gatehouse.control-plane.max-identity-lifetime"));
        assertTrue(publisher.current().content().identity("payments-bot").isEmpty(), "nothing was written");
    }

    @Test
    @TestSecurity(user = "olga", roles = "gatehouse-team-payments")
    void anOwnerManagesOnlyTheirTeamsIdentitiesAndGrants() {
        given().contentType("application/json").body(PAYMENTS_BOT)
                .when().post("/api/v1/identities").then().statusCode(201);
        yaml().body(PAYMENTS_GRANT)
                .when().post("/api/v1/grants").then().statusCode(201).body("id", notNullValue());

        given().contentType("application/json").body(PAYMENTS_BOT.replace("\"payments\"", "\"platform\""))
                .header("If-Match", "*")
                .when().put("/api/v1/identities/payments-bot")
                .then().statusCode(403).contentType("application/problem+json")
                .body("detail", containsString("team 'platform'"));
        given().when().post("/api/v1/identities/deploy-bot/suspend").then().statusCode(403);
        yaml().body(PAYMENTS_GRANT.replace("payments-bot", "deploy-bot"))
                .when().post("/api/v1/grants").then().statusCode(403);
        given().contentType("application/json").body("{\"name\": \"x\", \"pathPrefix\": \"/x\", \"upstream\": \"http://x\","
                        + " \"credential\": {\"injection\": \"bearer\"}}")
                .when().post("/api/v1/resources").then().statusCode(403).body("detail", containsString("admin"));

        given().when().post("/api/v1/identities/payments-bot/revoke").then().statusCode(200).body("status", equalTo("REVOKED"));
        given().when().post("/api/v1/identities/payments-bot/activate").then().statusCode(403)
                .body("detail", containsString("revoked"));
        given().when().get("/api/v1/identities?team=payments").then().statusCode(200).body("name", contains("payments-bot"));
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anAdminBringsBackARevokedIdentityAndEveryChangeIsAudited() {
        given().when().post("/api/v1/identities/deploy-bot/revoke").then().statusCode(200);
        assertEquals("REVOKED", publisher.current().content().identity("deploy-bot").orElseThrow().status().name());
        given().contentType("application/json").body("{\"reason\": \"false alarm, INC-42\"}")
                .when().post("/api/v1/identities/deploy-bot/activate").then().statusCode(200).body("status", equalTo("ACTIVE"));

        List<StoredAuditEvent> events = audit.search(new AuditQuery(new AuditFilter(Optional.empty(),
                Optional.of("deploy-bot"), Optional.of("policy.identity.active"), Optional.empty(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()), Optional.empty(), 10));
        assertEquals(1, events.size(), events.toString());
        assertEquals("ada", events.get(0).record().actor());
        assertEquals("status revoked -> active: false alarm, INC-42", events.get(0).record().reason());
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void identitiesAndResourcesInUseAreNotDeletedAndGrantsMoveWhenTheirOperationsChange() {
        given().when().delete("/api/v1/identities/deploy-bot").then().statusCode(409)
                .body("detail", containsString("delete them first"));
        given().when().delete("/api/v1/resources/demo").then().statusCode(409);

        ValidatableResponse grants = given().queryParam("identity", "deploy-bot").when().get("/api/v1/grants").then()
                .statusCode(200).body("$", hasSize(2));
        String getGrant = grants.extract().path("find { it.methods == ['GET'] }.id");
        String etag = given().when().get("/api/v1/grants/" + getGrant).then().statusCode(200).extract().header("ETag");
        String widened = yaml().header("If-Match", etag)
                .body("identity: deploy-bot\nresource: demo\nmethods: [GET, HEAD]\npaths: [\"/customers/**\"]\n")
                .when().put("/api/v1/grants/" + getGrant)
                .then().statusCode(200).header("Location", not(containsString(getGrant)))
                .extract().path("id");
        given().when().get("/api/v1/grants/" + getGrant).then().statusCode(404);
        given().when().get("/api/v1/grants/" + widened).then().statusCode(200).body("methods", contains("GET", "HEAD"));

        for (String id : given().queryParam("identity", "deploy-bot").when().get("/api/v1/grants").then()
                .extract().<List<String>>path("id")) {
            given().when().delete("/api/v1/grants/" + id).then().statusCode(204);
        }
        given().when().delete("/api/v1/identities/deploy-bot").then().statusCode(204);
        given().when().get("/api/v1/identities/deploy-bot").then().statusCode(404);
        assertTrue(publisher.current().content().identity("deploy-bot").isEmpty());
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void theDeclarativeYamlIsExportedDiffedAppliedAndPruned() {
        String exported = given().accept("application/yaml").when().get("/api/v1/config/export").then().statusCode(200)
                .extract().asString();
        yaml().body(exported).queryParam("prune", true)
                .when().post("/api/v1/config/apply").then().statusCode(200).body("changes", hasSize(0));

        String withNewIdentity = """
                identities:
                  - name: nightly
                    kind: cron
                    owner: {team: data, contact: data@acme.example}
                    purpose: Nightly export
                    expires: 2027-01-01T00:00:00Z
                """;
        String versionBefore = publisher.current().version();
        yaml().body(withNewIdentity).queryParam("dryRun", true)
                .when().post("/api/v1/config/apply").then().statusCode(200)
                .body("changes", hasSize(1))
                .body("changes[0].action", equalTo("ADDED"))
                .body("changes[0].key", equalTo("nightly"));
        assertEquals(versionBefore, publisher.current().version(), "a dry run changes nothing");

        yaml().body(withNewIdentity)
                .when().post("/api/v1/config/apply").then().statusCode(200).body("changes", hasSize(1));
        yaml().body(withNewIdentity)
                .when().post("/api/v1/config/apply").then().statusCode(200).body("changes", hasSize(0));
        assertTrue(publisher.current().content().identity("deploy-bot").isPresent(), "without prune the rest stays");

        yaml().body(withNewIdentity).queryParam("prune", true).queryParam("dryRun", true)
                .when().post("/api/v1/config/apply").then().statusCode(200)
                .body("changes.findAll { it.action == 'REMOVED' }.kind", contains("identity", "resource", "grant", "grant"));
        yaml().body(withNewIdentity + "    status: sleeping\n")
                .when().post("/api/v1/config/apply").then().statusCode(422)
                .body("errors[0].path", startsWith("identities[0].status"));
    }

    @Test
    @TestSecurity(user = "ava", roles = "gatehouse-auditors")
    void anAuditorReadsButDoesNotWrite() {
        given().when().get("/api/v1/identities").then().statusCode(200);
        given().when().get("/api/v1/config/export").then().statusCode(200);
        given().contentType("application/json").body(PAYMENTS_BOT)
                .when().post("/api/v1/identities").then().statusCode(403);
        given().when().post("/api/v1/identities/deploy-bot/suspend").then().statusCode(403);
        yaml().body(TestConfigs.EXAMPLE)
                .when().post("/api/v1/config/apply").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "otto", roles = "gatehouse-team-payments")
    void anOwnerDoesNotReadTheAuditTrail() {
        given().when().get("/api/v1/audit/events").then().statusCode(403);
    }

    @Test
    @TestSecurity(user = "nobody", roles = "some-other-group")
    void aTokenWithoutAGatehouseRoleMayDoNothing() {
        given().when().get("/api/v1/identities").then().statusCode(403)
                .body("detail", containsString("gatehouse.control-plane.access"));
        given().when().get("/api/v1/audit/events").then().statusCode(403);
    }
}
