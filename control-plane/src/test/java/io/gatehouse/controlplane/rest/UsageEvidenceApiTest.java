package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.service.AuditStore;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.controlplane.service.UsageRollup;
import io.gatehouse.controlplane.service.UsageRollups;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Usage evidence: counted from stored audit batches per identity, operation and day (a redelivered batch counts once),
 * and set against the identity's grants to show the operations it never used.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class UsageEvidenceApiTest {

    private static final String WINDOW_SINCE = "2031-03-01T00:00:00Z";
    private static final String WINDOW_UNTIL = "2031-03-04T00:00:00Z";

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    AuditStore store;

    @Inject
    UsageRollup rollup;

    @BeforeEach
    void startFromTheReadmeExample() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");
    }

    @Test
    @TestSecurity(user = "auditor", roles = "gatehouse-auditors")
    void callsAreCountedPerOperationAndDayOnceEvenWhenABatchIsDeliveredAgain() {
        String source = "dp-" + UUID.randomUUID();
        List<AuditRecord> batch = new ArrayList<>();
        batch.add(call(source, "2031-03-01T10:00:00Z", "GET", "/customers/1", AuditDecision.ALLOWED, "/customers/**", null, 2));
        batch.add(call(source, "2031-03-01T11:00:00Z", "GET", "/customers/2", AuditDecision.ALLOWED, "/customers/**", null, 1));
        batch.add(call(source, "2031-03-02T09:30:00Z", "GET", "/customers/3", AuditDecision.ALLOWED, "/customers/**", null, 0));
        batch.add(call(source, "2031-03-02T09:31:00Z", "DELETE", "/customers/3", AuditDecision.DENIED, null, null, 0));
        batch.add(call(source, "2031-02-27T09:00:00Z", "GET", "/customers/9", AuditDecision.ALLOWED, "/customers/**", null, 0));
        store.store(batch);
        UsageRollups.countEverythingStored(rollup);
        store.store(batch);
        UsageRollups.countEverythingStored(rollup);

        JsonPath usage = usage();
        assertEquals(WINDOW_SINCE, usage.getString("since"));
        assertEquals(WINDOW_UNTIL, usage.getString("until"));
        assertEquals(4, usage.getInt("calls"), "the call of 27 February is outside the window; the duplicate batch is not counted");

        Map<String, Object> reads = operation(usage, "GET", "/customers/**");
        assertEquals(3, reads.get("calls"));
        assertEquals(3, reads.get("allowed"));
        assertEquals(3, reads.get("maskedValues"));
        assertEquals(true, reads.get("granted"));
        assertEquals("2031-03-01T10:00:00Z", reads.get("firstSeen"));
        assertEquals("2031-03-02T09:30:00Z", reads.get("lastSeen"));
        assertEquals(List.of(Map.of("day", "2031-03-01", "calls", 2, "allowed", 2, "denied", 0),
                Map.of("day", "2031-03-02", "calls", 1, "allowed", 1, "denied", 0)), reads.get("daily"));

        Map<String, Object> refused = operation(usage, "DELETE", null);
        assertEquals(1, refused.get("denied"));
        assertEquals(false, refused.get("granted"));

        List<Map<String, Object>> unused = usage.getList("unusedGrants");
        assertEquals(1, unused.size(), unused.toString());
        assertEquals("POST", unused.get(0).get("method"));
        assertEquals("/refunds", unused.get(0).get("route"));
        assertEquals("demo", unused.get(0).get("resource"));
    }

    @Test
    @TestSecurity(user = "auditor", roles = "gatehouse-auditors")
    void aCallHeldForApprovalCountsAsUseAndAnApprovedCallAsApproved() {
        String source = "dp-" + UUID.randomUUID();
        store.store(List.of(
                call(source, "2031-04-10T08:00:00Z", "POST", "/refunds", AuditDecision.PENDING_APPROVAL, "/refunds", "ap-1", 0),
                call(source, "2031-04-10T08:05:00Z", "POST", "/refunds", AuditDecision.ALLOWED, "/refunds", "ap-1", 0)));
        UsageRollups.countEverythingStored(rollup);

        JsonPath usage = usage("2031-04-10T00:00:00Z", "2031-04-11T00:00:00Z");
        Map<String, Object> refunds = operation(usage, "POST", "/refunds");
        assertEquals(2, refunds.get("calls"));
        assertEquals(1, refunds.get("heldForApproval"));
        assertEquals(1, refunds.get("approved"));
        List<Map<String, Object>> unused = usage.getList("unusedGrants");
        assertEquals(List.of("/customers/**"), unused.stream().map(grant -> grant.get("route")).toList());
    }

    @Test
    @TestSecurity(user = "auditor", roles = "gatehouse-auditors")
    void unknownIdentitiesAndBadWindowsAreRefusedWithTheReason() {
        given().get("/api/v1/identities/nobody/usage").then().statusCode(404);
        given().queryParam("since", "yesterday").get("/api/v1/identities/deploy-bot/usage").then().statusCode(400)
                .body("detail", containsString("ISO-8601"));
        given().queryParam("since", WINDOW_UNTIL).queryParam("until", WINDOW_SINCE)
                .get("/api/v1/identities/deploy-bot/usage").then().statusCode(400)
                .body("detail", containsString("must be before"));
        given().queryParam("since", "2020-01-01T00:00:00Z").queryParam("until", WINDOW_UNTIL)
                .get("/api/v1/identities/deploy-bot/usage").then().statusCode(400)
                .body("detail", containsString("at most 731 days"));
    }

    @Test
    @TestSecurity(user = "someone", roles = "nobody-in-particular")
    void callersWithoutARoleMayNotReadUsage() {
        given().get("/api/v1/identities/deploy-bot/usage").then().statusCode(403);
    }

    private static JsonPath usage() {
        return usage(WINDOW_SINCE, WINDOW_UNTIL);
    }

    private static JsonPath usage(String since, String until) {
        return given().queryParam("since", since).queryParam("until", until)
                .get("/api/v1/identities/deploy-bot/usage").then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> operation(JsonPath usage, String method, String route) {
        List<Map<String, Object>> operations = usage.getList("operations");
        return operations.stream()
                .filter(operation -> method.equals(operation.get("method")) && java.util.Objects.equals(route, operation.get("route")))
                .findFirst().orElseThrow(() -> new AssertionError("no " + method + " " + route + " in " + operations));
    }

    private static AuditRecord call(String source, String time, String method, String path, AuditDecision decision,
                                    String route, String approvalId, int masked) {
        return new AuditRecord(UUID.randomUUID(), "req-" + UUID.randomUUID(), Instant.parse(time), source, "deploy-bot",
                "demo", method, "/demo" + path, decision, "test", approvalId, decision == AuditDecision.ALLOWED ? 200 : 0, 3,
                List.of(), AuditRecord.CALL, null, masked == 0 ? Map.of() : Map.of("ssn", masked), null, route);
    }
}
