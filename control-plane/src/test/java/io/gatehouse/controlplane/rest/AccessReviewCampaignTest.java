package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.service.AuditStore;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.controlplane.service.UsageRollup;
import io.gatehouse.controlplane.service.UsageRollups;
import io.gatehouse.controlplane.service.review.AccessReviewReminders;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Access-review campaigns over seeded traffic: the evidence finds exactly the unused operations and the ghost account,
 * decisions change the policy, the closed campaign's report is signed and its signature catches an edit, and
 * reminders and escalation are sent once.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class AccessReviewCampaignTest {

    private static final String CONFIG = """
            teams:
              - {name: payments, contact: payments@acme.example}
              - {name: reports, contact: reports@acme.example}
            identities:
              - name: review-refunder
                kind: service
                owner: {team: payments, contact: payments@acme.example}
                purpose: Issues refunds
                expires: 2027-06-30T00:00:00Z
                trust: {oidc: {issuer: http://127.0.0.1:8090/ci, audiences: [gatehouse], claims: {repository: acme/refunder}}}
              - name: review-ghost
                kind: cron
                owner: {team: payments, contact: payments@acme.example}
                purpose: Nightly export nobody remembers
                expires: 2027-06-30T00:00:00Z
                trust: {oidc: {issuer: http://127.0.0.1:8090/ci, audiences: [gatehouse], claims: {repository: acme/ghost}}}
              - name: review-reporter
                kind: service
                owner: {team: reports, contact: reports@acme.example}
                purpose: Monthly reports
                expires: 2027-06-30T00:00:00Z
                trust: {oidc: {issuer: http://127.0.0.1:8090/ci, audiences: [gatehouse], claims: {repository: acme/reporter}}}
            resources:
              - name: payments-api
                pathPrefix: /payments
                upstream: http://127.0.0.1:8091
                credential: {injection: bearer}
            grants:
              - {identity: review-refunder, resource: payments-api, methods: [GET, POST], paths: ["/refunds/**", "/customers/*"]}
              - {identity: review-ghost, resource: payments-api, methods: [GET], paths: ["/exports/**"]}
              - {identity: review-reporter, resource: payments-api, methods: [GET], paths: ["/reports/**"]}
            """;

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    AuditStore store;

    @Inject
    UsageRollup rollup;

    @Inject
    AccessReviewReminders reminders;

    /** The traffic is seeded once: the counters it feeds outlive each test. */
    private static boolean trafficSeeded;

    @BeforeEach
    void seedPolicyAndTraffic() {
        policyUpdates.apply(loader.parse(CONFIG, "reviews.yaml"), "reviews.yaml");
        if (trafficSeeded) {
            return;
        }
        trafficSeeded = true;
        Instant yesterday = Instant.now().minus(Duration.ofDays(1));
        String source = "dp-" + UUID.randomUUID();
        store.store(List.of(
                call(source, yesterday, "review-refunder", "GET", "/refunds/1", AuditDecision.ALLOWED, "/refunds/**"),
                call(source, yesterday, "review-refunder", "POST", "/refunds/1", AuditDecision.ALLOWED, "/refunds/**"),
                call(source, yesterday, "review-refunder", "DELETE", "/refunds/1", AuditDecision.DENIED, null),
                call(source, yesterday, "review-reporter", "GET", "/reports/2026-10", AuditDecision.ALLOWED, "/reports/**")));
        UsageRollups.countEverythingStored(rollup);
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void aCampaignFindsTheUnusedOperationsAndTheGhostAndItsDecisionsChangeThePolicy() {
        JsonPath campaign = start("{\"name\": \"Q4 payments\", \"scope\": \"team:payments\","
                + " \"reviewers\": {\"owningTeam\": true, \"people\": [\"rita\"]}}");
        String id = campaign.getString("id");
        assertEquals("open", campaign.getString("state"));
        assertEquals(2, campaign.getInt("itemCount"), "team:payments covers the refunder and the ghost, not the reporter");

        Map<String, Object> refunder = item(campaign, "review-refunder");
        assertEquals(false, refunder.get("ghost"));
        assertEquals(3, refunder.get("calls"));
        assertEquals(List.of("GET /customers/*", "POST /customers/*"), operations(refunder.get("unusedOperations")));
        Map<String, Object> ghost = item(campaign, "review-ghost");
        assertEquals(true, ghost.get("ghost"));
        assertEquals(List.of("GET /exports/**"), operations(ghost.get("unusedOperations")));

        List<Map<String, Object>> narrowed = decide(id, "{\"items\": [\"" + refunder.get("id") + "\"], \"decision\": \"narrow\","
                + " \"comment\": \"customers lookups moved to the CRM\"}").getList("");
        assertTrue(narrowed.get(0).get("applied").toString().startsWith("2 unused operation(s) removed"), narrowed.toString());
        List<Map<String, Object>> grants = given().queryParam("identity", "review-refunder").get("/api/v1/grants")
                .then().statusCode(200).extract().jsonPath().getList("");
        assertEquals(1, grants.size(), grants.toString());
        assertEquals(List.of("GET", "POST"), grants.get(0).get("methods"));
        assertEquals(List.of("/refunds/**"), grants.get(0).get("paths"));

        decide(id, "{\"items\": [\"" + ghost.get("id") + "\"], \"decision\": \"revoke\", \"comment\": \"nobody owns it\"}");
        given().get("/api/v1/identities/review-ghost").then().statusCode(200).body("status", equalTo("REVOKED"));

        given().contentType("application/json").body("{\"items\": [\"" + ghost.get("id") + "\"], \"decision\": \"keep\"}")
                .post("/api/v1/access-reviews/" + id + "/decisions").then().statusCode(409)
                .body("detail", containsString("already decided"));

        String signed = given().post("/api/v1/access-reviews/" + id + "/close").then().statusCode(200)
                .body("report.summary.identitiesReviewed", equalTo(2))
                .body("report.summary.narrowed", equalTo(1))
                .body("report.summary.revoked", equalTo(1))
                .body("report.summary.permissionsRemoved", equalTo(3))
                .body("report.summary.ghostAccounts", equalTo(1))
                .extract().path("jws");
        given().get("/api/v1/access-reviews/" + id).then().statusCode(200).body("state", equalTo("closed"));
        given().contentType("application/json").body("{\"undecided\": true, \"decision\": \"keep\"}")
                .post("/api/v1/access-reviews/" + id + "/decisions").then().statusCode(409);

        assertEquals(signed, given().queryParam("format", "jws").get("/api/v1/access-reviews/" + id + "/report")
                .then().statusCode(200).contentType("application/jose").extract().asString());
        given().contentType("text/plain").body(signed).post("/api/v1/access-reviews/reports/verify").then()
                .statusCode(200).body("valid", equalTo(true)).body("campaignId", equalTo(id));
        given().contentType("text/plain").body(edited(signed)).post("/api/v1/access-reviews/reports/verify").then()
                .statusCode(200).body("valid", equalTo(false)).body("problem", containsString("does not verify"));

        String csv = given().queryParam("format", "csv").get("/api/v1/access-reviews/" + id + "/report").then()
                .statusCode(200).extract().asString();
        assertEquals(3, csv.split("\r\n").length, csv);
        assertTrue(csv.contains("review-ghost") && csv.contains(",revoke,"), csv);
        String html = given().queryParam("format", "html").get("/api/v1/access-reviews/" + id + "/report").then()
                .statusCode(200).contentType(containsString("text/html")).extract().asString();
        assertTrue(html.contains("Ghost accounts found") && html.contains("review-ghost (ghost)"), html);
        assertFalse(html.contains("<script"), "the report page runs nothing");
    }

    @Test
    @TestSecurity(user = "rita", roles = "gatehouse-reviewers")
    void onlyTheCampaignsReviewersDecideAndABulkDecisionTakesTheirUndecidedItems() {
        String id = start("{\"name\": \"Named reviewer\", \"scope\": \"all\", \"reviewers\": {\"owningTeam\": false,"
                + " \"people\": [\"someone-else\"]}}").getString("id");
        given().contentType("application/json").body("{\"undecided\": true, \"decision\": \"keep\"}")
                .post("/api/v1/access-reviews/" + id + "/decisions").then().statusCode(422)
                .body("detail", containsString("no undecided item is yours"));

        String mine = start("{\"name\": \"Rita reviews\", \"scope\": \"kind:service\", \"reviewers\": {\"owningTeam\": false,"
                + " \"people\": [\"rita\"]}}").getString("id");
        List<Map<String, Object>> kept = decide(mine, "{\"undecided\": true, \"decision\": \"keep\", \"comment\": \"still needed\"}")
                .getList("");
        assertEquals(2, kept.size(), "both services");
        assertTrue(kept.stream().allMatch(item -> "kept; nothing changed".equals(item.get("applied"))), kept.toString());
        given().post("/api/v1/access-reviews/" + mine + "/close").then().statusCode(200)
                .body("report.summary.kept", equalTo(2)).body("report.summary.undecided", equalTo(0));
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void shortenNeedsAnEarlierExpiryAndClosingWithUndecidedItemsNeedsForce() {
        JsonPath campaign = start("{\"name\": \"Shorten\", \"scope\": \"resource:payments-api\"}");
        String id = campaign.getString("id");
        String reporter = item(campaign, "review-reporter").get("id").toString();
        given().contentType("application/json").body("{\"items\": [\"" + reporter + "\"], \"decision\": \"shorten\","
                        + " \"expires\": \"2030-01-01T00:00:00Z\"}")
                .post("/api/v1/access-reviews/" + id + "/decisions").then().statusCode(422)
                .body("detail", containsString("before the current one"));
        Instant sooner = Instant.now().plus(Duration.ofDays(30)).truncatedTo(ChronoUnit.SECONDS);
        decide(id, "{\"items\": [\"" + reporter + "\"], \"decision\": \"shorten\", \"expires\": \"" + sooner + "\"}");
        given().get("/api/v1/identities/review-reporter").then().statusCode(200).body("expiresAt", equalTo(sooner.toString()));

        given().post("/api/v1/access-reviews/" + id + "/close").then().statusCode(409)
                .body("detail", containsString("2 undecided item(s)"));
        given().queryParam("force", true).post("/api/v1/access-reviews/" + id + "/close").then().statusCode(200)
                .body("report.summary.undecided", equalTo(2)).body("report.summary.shortened", equalTo(1));
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void undecidedCampaignsAreRemindedBeforeTheirDueDateAndEscalatedAfterItOnce() {
        Instant due = Instant.now().plus(Duration.ofDays(10)).truncatedTo(ChronoUnit.SECONDS);
        String id = start("{\"name\": \"Reminders\", \"scope\": \"team:reports\", \"due\": \"" + due + "\"}").getString("id");

        assertTrue(sentFor(id, reminders.sweep(due.minus(Duration.ofDays(5)))).isEmpty(), "not yet: 3 days before is the default");
        List<String> reminded = sentFor(id, reminders.sweep(due.minus(Duration.ofDays(2))));
        assertEquals(1, reminded.size(), reminded.toString());
        assertTrue(reminded.get(0).contains("owners of team reports <reports@acme.example> (1)"), reminded.get(0));
        assertTrue(sentFor(id, reminders.sweep(due.minus(Duration.ofDays(1)))).isEmpty(), "reminded once");

        List<String> escalated = sentFor(id, reminders.sweep(due.plusSeconds(60)));
        assertEquals(1, escalated.size(), escalated.toString());
        assertTrue(escalated.get(0).contains("is overdue"), escalated.get(0));
        assertTrue(sentFor(id, reminders.sweep(due.plusSeconds(120))).isEmpty(), "escalated once");
        given().get("/api/v1/access-reviews/" + id).then().statusCode(200).body("escalatedAt", org.hamcrest.Matchers.notNullValue());
        given().queryParam("kind", "policy.access-review.escalated").get("/api/v1/audit/events").then().statusCode(200)
                .body("reason", org.hamcrest.Matchers.hasItem(containsString(id)));
    }

    @Test
    @TestSecurity(user = "nobody", roles = "gatehouse-auditors")
    void auditorsMayReadButNotStartCampaignsAndBadRequestsSayWhy() {
        given().contentType("application/json").body("{\"name\": \"x\", \"scope\": \"all\"}").post("/api/v1/access-reviews")
                .then().statusCode(403);
        given().get("/api/v1/access-reviews").then().statusCode(200);
        given().get("/api/v1/access-reviews/rc-missing").then().statusCode(404);
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void campaignsWithAnEmptyScopeOrAPastDueDateAreRefused() {
        given().contentType("application/json").body("{\"name\": \"x\", \"scope\": \"team:nobody\"}").post("/api/v1/access-reviews")
                .then().statusCode(422).body("detail", containsString("no identity"));
        given().contentType("application/json").body("{\"name\": \"x\", \"scope\": \"planet:mars\"}").post("/api/v1/access-reviews")
                .then().statusCode(400).body("detail", containsString("scope must be"));
        given().contentType("application/json").body("{\"name\": \"x\", \"due\": \"2020-01-01T00:00:00Z\"}")
                .post("/api/v1/access-reviews").then().statusCode(422).body("detail", containsString("future"));
        given().contentType("application/json").body("{\"name\": \"x\", \"reviewers\": {\"owningTeam\": false}}")
                .post("/api/v1/access-reviews").then().statusCode(400).body("detail", containsString("needs reviewers"));
    }

    private static List<String> sentFor(String campaignId, List<String> sent) {
        return sent.stream().filter(message -> message.contains(campaignId)).toList();
    }

    private static JsonPath start(String body) {
        return given().contentType("application/json").body(body).post("/api/v1/access-reviews").then().statusCode(201)
                .extract().jsonPath();
    }

    private static JsonPath decide(String id, String body) {
        return given().contentType("application/json").body(body).post("/api/v1/access-reviews/" + id + "/decisions")
                .then().statusCode(200).extract().jsonPath();
    }

    private static Map<String, Object> item(JsonPath campaign, String identity) {
        List<Map<String, Object>> items = campaign.getList("items");
        return items.stream().filter(item -> identity.equals(item.get("identity"))).findFirst()
                .orElseThrow(() -> new AssertionError("no item for " + identity + " in " + items));
    }

    @SuppressWarnings("unchecked")
    private static List<String> operations(Object unused) {
        return ((List<Map<String, Object>>) unused).stream()
                .map(operation -> operation.get("method") + " " + operation.get("route")).sorted().toList();
    }

    /** The signed report with one decision changed in its payload, signature kept. */
    private static String edited(String signed) {
        String[] parts = signed.split("\\.");
        String payload = new String(Base64.getUrlDecoder().decode(parts[1]));
        String forged = payload.replace("\"decision\":\"revoke\"", "\"decision\":\"keep\"");
        assertFalse(forged.equals(payload), "the payload holds the decision");
        return parts[0] + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(forged.getBytes()) + "." + parts[2];
    }

    private static AuditRecord call(String source, Instant time, String identity, String method, String path,
                                    AuditDecision decision, String route) {
        return new AuditRecord(UUID.randomUUID(), "req-" + UUID.randomUUID(), time, source, identity, "payments-api",
                method, "/payments" + path, decision, "test", null, decision == AuditDecision.ALLOWED ? 200 : 0, 2,
                List.of(), AuditRecord.CALL, null, Map.of(), null, route);
    }
}
