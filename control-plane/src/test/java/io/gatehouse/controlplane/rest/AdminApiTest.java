package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.service.AuditStore;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class AdminApiTest {

    @Inject
    AuditStore auditStore;

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @ParameterizedTest
    @ValueSource(strings = {"/api/v1/audit/events", "/api/v1/identities", "/api/v1/resources", "/api/v1/grants",
            "/api/v1/config", "/api/v1/data-planes"})
    void refusesUnauthenticatedCalls(String path) {
        given().when().get(path).then().statusCode(401);
    }

    @Test
    @TestSecurity(user = "auditor", roles = "gatehouse-auditors")
    void findsAuditEventsByRequestIdNewestFirst() {
        String requestId = "req-" + UUID.randomUUID();
        UUID older = UUID.randomUUID();
        UUID newer = UUID.randomUUID();
        auditStore.store(List.of(
                record(older, requestId, Instant.parse("2026-02-01T10:00:00Z")),
                record(newer, requestId, Instant.parse("2026-02-01T10:00:05Z")),
                record(UUID.randomUUID(), "other-" + requestId, Instant.parse("2026-02-01T10:00:09Z"))));

        given().queryParam("requestId", requestId)
                .when().get("/api/v1/audit/events")
                .then().statusCode(200)
                .body("$", hasSize(2))
                .body("eventId", contains(newer.toString(), older.toString()))
                .body("[0].id", notNullValue())
                .body("[0].requestId", equalTo(requestId))
                .body("[0].identity", equalTo("deploy-bot"))
                .body("[0].resource", equalTo("demo"))
                .body("[0].method", equalTo("GET"))
                .body("[0].path", equalTo("/customers/42"))
                .body("[0].decision", equalTo("ALLOWED"))
                .body("[0].reason", equalTo("granted"))
                .body("[0].status", equalTo(200))
                .body("[0].approvalId", equalTo("appr-1"))
                .body("[0].maskedFields", contains("ssn"))
                .body("[0].time", equalTo("2026-02-01T10:00:05Z"))
                .body("[0].dataPlaneId", equalTo("dp-1"));

        given().queryParam("requestId", requestId).queryParam("limit", 1)
                .when().get("/api/v1/audit/events")
                .then().statusCode(200)
                .body("eventId", contains(newer.toString()));
    }

    @Test
    @TestSecurity(user = "auditor", roles = "gatehouse-auditors")
    void refusesAnOutOfRangeLimitWithAProblem() {
        given().queryParam("limit", 501)
                .when().get("/api/v1/audit/events")
                .then().statusCode(400)
                .contentType("application/problem+json")
                .body("status", equalTo(400))
                .body("detail", containsString("between 1 and 500"));
    }

    @Test
    @TestSecurity(user = "admin", roles = "gatehouse-admins")
    void listsThePolicyModelAndTheConfigStatus() {
        PolicySnapshot snapshot = policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");

        given().when().get("/api/v1/identities").then().statusCode(200)
                .body("name", contains("deploy-bot"))
                .body("[0].kind", equalTo("ci-job"))
                .body("[0].owner.team", equalTo("platform"))
                .body("[0].oidcBindings[0].claims.repository", equalTo("acme/deploy"))
                .body("[0].createdAt", notNullValue());
        given().when().get("/api/v1/resources").then().statusCode(200)
                .body("name", contains("demo"))
                .body("[0].injection", equalTo("bearer"))
                .body("[0].timeoutMs", equalTo(10000));
        given().when().get("/api/v1/grants").then().statusCode(200)
                .body("$", hasSize(2));
        given().when().get("/api/v1/config").then().statusCode(200)
                .body("version", equalTo(snapshot.version()))
                .body("identities", equalTo(1))
                .body("resources", equalTo(1))
                .body("grants", equalTo(2));
        given().when().get("/api/v1/data-planes").then().statusCode(200);
    }

    private static AuditRecord record(UUID eventId, String requestId, Instant time) {
        return new AuditRecord(eventId, requestId, time, "dp-1", "deploy-bot", "demo", "GET", "/customers/42",
                AuditDecision.ALLOWED, "granted", "appr-1", 200, 12, List.of("ssn"), AuditRecord.CALL, null, Map.of("ssn", 1), null);
    }
}
