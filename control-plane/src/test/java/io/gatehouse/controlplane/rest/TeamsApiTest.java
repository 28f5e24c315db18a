package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.controlplane.service.SnapshotPublisher;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** Teams through the admin API: who may create and change them, owner groups, the default approver group. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class TeamsApiTest {

    private static final String PLATFORM = """
            {"name": "platform", "contact": "platform-oncall@acme.example", "ownerGroups": ["platform-sre"],
             "approverGroup": "platform-approvers"}
            """;
    private static final String APPROVED_DELETES = """
            {"identity": "deploy-bot", "resource": "demo", "methods": ["DELETE"], "paths": ["/customers/*"],
             "approval": {"required": true, "quorum": 2}}
            """;

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    SnapshotPublisher publisher;

    @BeforeEach
    void startFromTheReadmeExampleWithoutTeams() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anAdminDeclaresATeamWhoseApproverGroupDecidesItsGrantsThatNameNone() {
        given().contentType("application/json").body(PLATFORM).when().post("/api/v1/teams")
                .then().statusCode(201).header("Location", containsString("/api/v1/teams/platform"))
                .body("approverGroup", equalTo("platform-approvers"));
        given().when().get("/api/v1/teams").then().statusCode(200).body("name", contains("platform"));

        String grantId = given().contentType("application/json").body(APPROVED_DELETES).when().post("/api/v1/grants")
                .then().statusCode(201).body("approval.approverGroup", equalTo(null)).extract().path("id");
        GrantDefinition sent = publisher.current().content().grant(grantId).orElseThrow();
        assertEquals("platform-approvers", sent.approval().approverGroup(), "data planes get the group that decides");

        given().when().delete("/api/v1/teams/platform").then().statusCode(409)
                .body("detail", containsString("identity deploy-bot"));
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void aGrantNeedingApprovalWithoutAGroupIsRefusedWhileItsTeamHasNone() {
        given().contentType("application/json").body(APPROVED_DELETES).when().post("/api/v1/grants")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].path", equalTo("approval"))
                .body("errors[0].message", containsString("set approval.approverGroup, or the team's approverGroup"));
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void declaringTeamsRequiresEveryIdentitysTeam() {
        given().contentType("application/json").body(PLATFORM.replace("\"platform\"", "\"payments\""))
                .when().post("/api/v1/teams")
                .then().statusCode(422)
                .body("errors[0].path", equalTo("identities[0].owner.team"))
                .body("errors[0].message", containsString("unknown team 'platform'"));
    }

    @Test
    @TestSecurity(user = "sam", roles = "platform-sre")
    void membersOfAnOwnerGroupOwnTheTeamButMayNotChangeWhoOwnsIt() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE + """
                teams:
                  - name: platform
                    ownerGroups: [platform-sre]
                """, "example.yaml"), "example.yaml");
        String etag = given().when().get("/api/v1/teams/platform").then().statusCode(200).extract().header("ETag");

        given().contentType("application/json").header("If-Match", etag)
                .body("{\"name\": \"platform\", \"ownerGroups\": [\"platform-sre\"], \"approverGroup\": \"sre-leads\"}")
                .when().put("/api/v1/teams/platform")
                .then().statusCode(200).body("approverGroup", equalTo("sre-leads"));
        String changed = given().when().get("/api/v1/teams/platform").then().extract().header("ETag");
        given().contentType("application/json").header("If-Match", changed)
                .body("{\"name\": \"platform\", \"ownerGroups\": [\"platform-sre\", \"interns\"]}")
                .when().put("/api/v1/teams/platform")
                .then().statusCode(403).body("detail", containsString("change who owns team platform"));
        given().when().delete("/api/v1/teams/platform").then().statusCode(403);
        given().contentType("application/json").body("{\"name\": \"growth\"}").when().post("/api/v1/teams")
                .then().statusCode(403);

        // owning the team lets them manage its identities
        given().contentType("application/json").body("{\"reason\": \"rotation\"}")
                .when().post("/api/v1/identities/deploy-bot/suspend")
                .then().statusCode(200).body("status", equalTo("SUSPENDED"));
    }
}
