package io.gatehouse.controlplane.console;

import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import org.junit.jupiter.api.Test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertFalse;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class ConsoleApiTest {

    @Test
    @TestSecurity(user = "rita", roles = {"gatehouse-reviewers", "payments-approvers"})
    void sessionShowsTheControlPlaneRolesOfTheSignedInPerson() {
        given().header("X-Requested-With", "JavaScript")
                .when().get("/console/api/session")
                .then().statusCode(200)
                .body("user", equalTo("rita"))
                .body("roles", hasItem("reviewer"))
                .body("roles", not(hasItem("admin")))
                .body("approvalsConfigured", equalTo(false));
    }

    @Test
    @TestSecurity(user = "rita", roles = "gatehouse-reviewers")
    void approvalsWithoutAnApprovalServiceSayWhatToConfigure() {
        given().header("X-Requested-With", "JavaScript")
                .when().get("/console/api/approvals?state=PENDING")
                .then().statusCode(503)
                .contentType("application/problem+json")
                .body("detail", containsString("gatehouse.control-plane.console.approval-service-url"));
    }

    @Test
    @TestSecurity(user = "rita", roles = "gatehouse-reviewers")
    void approvalIdsAreCheckedBeforeAnythingIsForwarded() {
        given().header("X-Requested-With", "JavaScript").contentType("application/json").body("{}")
                .when().post("/console/api/approvals/..%2F..%2Fadmin/approve")
                .then().statusCode(anyOf(is(400), is(404)));
    }

    @Test
    @TestSecurity(user = "rita", roles = "gatehouse-reviewers")
    void consolePagesAreServedWithoutExternalResources() {
        String page = given().when().get("/console/index.html").then().statusCode(200)
                .contentType(containsString("text/html")).extract().asString();
        assertFalse(page.matches("(?s).*(src|href)=\"https?://.*"),
                "no CDN, no external font: everything comes from /console");
        given().when().get("/console/js/app.js").then().statusCode(200).body(containsString("PAGES"));
    }
}
