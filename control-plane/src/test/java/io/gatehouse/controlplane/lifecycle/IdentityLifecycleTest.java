package io.gatehouse.controlplane.lifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.config.ControlPlaneConfig.Lifecycle.NotificationFormat;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.domain.TeamDefinition;
import io.gatehouse.controlplane.model.ClientSecretEntity;
import io.gatehouse.controlplane.model.IdentityEntity;
import io.gatehouse.controlplane.model.LifecycleActionEntity;
import io.gatehouse.controlplane.repository.ClientSecretRepository;
import io.gatehouse.controlplane.repository.IdentityRepository;
import io.gatehouse.controlplane.service.DeclarativeApplyService;
import io.gatehouse.controlplane.service.PolicyModelReader;
import io.gatehouse.controlplane.service.PolicyModelWriter;
import io.gatehouse.controlplane.service.SnapshotPublisher;
import io.gatehouse.controlplane.service.UnusedClientSecretRevoker;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.gatehouse.controlplane.domain.review.ReviewScope;
import io.gatehouse.controlplane.domain.review.Reviewers;
import io.gatehouse.controlplane.service.review.AccessReviewReminders;
import io.gatehouse.controlplane.service.review.AccessReviewService;
import io.gatehouse.controlplane.service.review.NewCampaign;
import io.quarkus.test.junit.TestProfile;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every lifecycle rule, with the sweep run at chosen instants (the rules take {@code now}) against real PostgreSQL:
 * ci-job identities are suspended after 30 unused days, others after 90, cron never; revocation follows 30 days
 * later; owners are warned 7 days ahead at an in-test webhook receiver.
 */
@QuarkusTest
@TestProfile(IdentityLifecycleTest.Rules.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "lifecycle_test"))
class IdentityLifecycleTest {

    static final String PORT_PROPERTY = "gatehouse.test.lifecycle-webhook-port";
    static final String WEBHOOK_SECRET = "test-webhook-secret-4f1b9c2e";

    public static class Rules implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            String port = System.getProperty(PORT_PROPERTY);
            if (port == null) {
                port = Integer.toString(WebhookReceiver.freePort());
                System.setProperty(PORT_PROPERTY, port);
            }
            String lifecycle = "gatehouse.control-plane.lifecycle.";
            return Map.of(
                    lifecycle + "kinds.\"ci-job\".suspend-unused-after", "P30D",
                    lifecycle + "kinds.cron.enabled", "false",
                    lifecycle + "notify.webhook-url", "http://127.0.0.1:" + port + "/hook",
                    lifecycle + "notify.webhook-secret", WEBHOOK_SECRET,
                    lifecycle + "notify.warn-before", "P7D",
                    lifecycle + "notify.retry-initial", "1S",
                    lifecycle + "notify.interval", "1H");
        }
    }

    private static final String POLICY = """
            teams:
              - {name: platform, contact: platform-oncall@acme.example}
            identities:
              - name: nightly-build
                kind: ci-job
                owner: {team: platform, contact: builds@acme.example}
                purpose: Builds main every night
                expires: 2027-09-30T00:00:00Z
              - name: billing-api
                kind: service
                owner: {team: platform, contact: billing@acme.example}
                purpose: Bills customers
                expires: 2027-09-30T00:00:00Z
              - name: cleanup-cron
                kind: cron
                owner: {team: platform, contact: ops@acme.example}
                purpose: Cleans up old files
                expires: 2027-09-30T00:00:00Z
            """;
    private static final AdminCaller ADA = new AdminCaller("ada", Set.of(AdminRole.ADMIN), Set.of());
    private static WebhookReceiver receiver;

    @Inject
    DeclarativeApplyService declarative;
    @Inject
    IdentityLifecycleSweep sweep;
    @Inject
    NotificationSender sender;
    @Inject
    WebhookBodies bodies;
    @Inject
    SnapshotPublisher publisher;
    @Inject
    PolicyModelReader reader;
    @Inject
    PolicyModelWriter writer;
    @Inject
    IdentityRepository identities;
    @Inject
    ClientSecretRepository secrets;
    @Inject
    UnusedClientSecretRevoker secretRevoker;
    @Inject
    ObjectMapper json;
    @Inject
    AccessReviewService reviews;
    @Inject
    AccessReviewReminders reviewReminders;

    private Instant now;

    @BeforeAll
    static void startReceiver() throws Exception {
        receiver = new WebhookReceiver(Integer.getInteger(PORT_PROPERTY));
    }

    @AfterAll
    static void stopReceiver() {
        receiver.close();
    }

    /** Fresh identities (the lifecycle state outlives an apply, so the old ones are deleted first), empty logs. */
    @BeforeEach
    void freshIdentities() {
        QuarkusTransaction.requiringNew().run(() -> {
            IdentityEntity.getEntityManager().createNativeQuery("DELETE FROM lifecycle_notification").executeUpdate();
            IdentityEntity.getEntityManager().createNativeQuery("DELETE FROM lifecycle_action").executeUpdate();
            IdentityEntity.getEntityManager().createNativeQuery("DELETE FROM identity").executeUpdate();
        });
        declarative.apply(ADA, POLICY, true, false);
        receiver.clear();
        receiver.answer(200);
        now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        // by default everything was used just now: each test makes the identity it is about idle
        List.of("nightly-build", "billing-api", "cleanup-cron").forEach(name -> usage(name, entity -> entity.lastUsedAt = now));
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void eachKindHasItsThresholdAndANeverUsedIdentityCountsFromItsCreation() {
        createdAt("nightly-build", now.minus(Duration.ofDays(31)));
        usage("nightly-build", entity -> entity.lastUsedAt = null);
        usage("billing-api", entity -> entity.lastUsedAt = now.minus(Duration.ofDays(31)));
        usage("cleanup-cron", entity -> entity.lastUsedAt = now.minus(Duration.ofDays(400)));

        List<LifecycleActionEntity> taken = sweep.sweep(now);

        assertEquals(1, taken.size(), "only the ci-job is past its threshold (service: 90 days, cron: disabled)");
        LifecycleActionEntity suspension = taken.get(0);
        assertEquals("nightly-build", suspension.identity);
        assertEquals(LifecycleActionType.SUSPENDED, suspension.action);
        assertTrue(suspension.reason.contains("never used since its creation") && suspension.reason.contains("31 days")
                && suspension.reason.contains("kinds.\"ci-job\".suspend-unused-after = PT720H"), suspension.reason);
        assertEquals(IdentityStatus.SUSPENDED, enforced("nightly-build"));
        assertEquals(IdentityStatus.ACTIVE, enforced("billing-api"));

        given().when().get("/api/v1/identities/nightly-build").then().statusCode(200)
                .body("status", equalTo("SUSPENDED")).body("declaredStatus", equalTo("ACTIVE"))
                .body("lifecycle.status", equalTo("SUSPENDED"));
        assertTrue(sweep.sweep(now.plus(Duration.ofDays(58))).stream().noneMatch(action -> action.identity.equals("billing-api")),
                "service, 89 days unused: kept");
        assertTrue(sweep.sweep(now.plus(Duration.ofDays(59))).stream().anyMatch(action -> action.identity.equals("billing-api")
                && action.reason.contains("lifecycle.suspend-unused-after = PT2160H")), "service, 90 days unused: suspended");
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void aSuspensionNotUndoneBecomesARevocationAfterTheFurtherPeriod() {
        idleFor("nightly-build", 30);
        sweep.sweep(now);

        assertTrue(sweep.sweep(now.plus(Duration.ofDays(29))).isEmpty(), "29 days suspended: nothing yet");
        List<LifecycleActionEntity> taken = sweep.sweep(now.plus(Duration.ofDays(30)));

        assertEquals(List.of(LifecycleActionType.REVOKED), taken.stream().map(action -> action.action).toList());
        assertTrue(taken.get(0).reason.contains("lifecycle.revoke-suspended-after = PT720H"), taken.get(0).reason);
        assertEquals("suspended", taken.get(0).previousState);
        assertEquals(IdentityStatus.REVOKED, enforced("nightly-build"));
        given().when().get("/api/v1/audit/events?kind=policy.identity.revoked&identity=nightly-build").then()
                .statusCode(200).body("actor", hasItem("gatehouse-lifecycle"));
        // newest first, one per page
        String cursor = given().when().get("/api/v1/lifecycle/actions?identity=nightly-build&limit=1").then()
                .statusCode(200).body("[0].action", equalTo("revoked"))
                .extract().header("X-Gatehouse-Next-Cursor");
        given().when().get("/api/v1/lifecycle/actions?identity=nightly-build&limit=1&cursor=" + cursor).then()
                .statusCode(200).body("[0].action", equalTo("suspended")).header("X-Gatehouse-Next-Cursor", nullValue());
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anUndoneSuspensionStartsAFreshUnusedPeriod() {
        idleFor("nightly-build", 30);
        long suspension = sweep.sweep(now).get(0).id;

        given().contentType("application/json").body("{}").when().post("/api/v1/lifecycle/actions/" + suspension + "/undo")
                .then().statusCode(400).body("detail", containsString("reason"));
        given().contentType("application/json").body("{\"reason\": \"runs monthly, still needed\"}").when()
                .post("/api/v1/lifecycle/actions/" + suspension + "/undo").then().statusCode(200)
                .body("undoneBy", equalTo("ada")).body("undoReason", equalTo("runs monthly, still needed"));

        assertEquals(IdentityStatus.ACTIVE, enforced("nightly-build"));
        assertTrue(sweep.sweep(now.plus(Duration.ofDays(1))).isEmpty(), "not suspended again at the next sweep");
        Instant undoneAt = QuarkusTransaction.requiringNew().call(() -> identities.findByName("nightly-build").orElseThrow().lifecycleResetAt);
        List<LifecycleActionEntity> again = sweep.sweep(undoneAt.plus(Duration.ofDays(30)));
        assertEquals(1, again.size());
        assertTrue(again.get(0).reason.contains("not used since a lifecycle action was undone"), again.get(0).reason);
        given().contentType("application/json").body("{\"reason\": \"twice\"}").when()
                .post("/api/v1/lifecycle/actions/" + suspension + "/undo").then().statusCode(409)
                .body("detail", containsString("already undone"));
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void undoingTheSuspensionOfARevokedIdentityUndoesBoth() {
        idleFor("nightly-build", 30);
        long suspension = sweep.sweep(now).get(0).id;
        long revocation = sweep.sweep(now.plus(Duration.ofDays(30))).get(0).id;

        given().contentType("application/json").body("{\"reason\": \"back from leave\"}").when()
                .post("/api/v1/lifecycle/actions/" + suspension + "/undo").then().statusCode(200);

        assertEquals(IdentityStatus.ACTIVE, enforced("nightly-build"));
        given().when().get("/api/v1/lifecycle/actions?action=revoked&identity=nightly-build").then().statusCode(200)
                .body("[0].id", equalTo((int) revocation)).body("[0].undoneAt", notNullValue())
                .body("[0].undoable", equalTo(false));
    }

    @Test
    @TestSecurity(user = "rita", roles = "gatehouse-reviewers")
    void onlyAdminsUndo() {
        idleFor("nightly-build", 30);
        long suspension = sweep.sweep(now).get(0).id;
        given().when().get("/api/v1/lifecycle/actions").then().statusCode(200);
        given().contentType("application/json").body("{\"reason\": \"mine\"}").when()
                .post("/api/v1/lifecycle/actions/" + suspension + "/undo").then().statusCode(403);
        given().when().post("/api/v1/lifecycle/sweep").then().statusCode(403);
    }

    @Test
    void applyingTheDeclaredStatusDoesNotClearALifecycleSuspension() {
        idleFor("nightly-build", 30);
        sweep.sweep(now);
        String exported = declarative.export();

        declarative.apply(ADA, POLICY, true, false);

        assertEquals(IdentityStatus.SUSPENDED, enforced("nightly-build"), "declared active, held by the lifecycle");
        assertEquals(IdentityStatus.ACTIVE, reader.read().identity("nightly-build").orElseThrow().status());
        assertEquals(exported, declarative.export(), "export stays what was declared");
        assertTrue(declarative.apply(ADA, POLICY, true, true).isEmpty(), "no diff between the file and the store");
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anIdentityWhoseTeamIsGoneIsFlaggedUntilTheTeamExistsAgain() {
        // the API refuses such a change; a database edit or a restored backup is how it happens
        QuarkusTransaction.requiringNew().run(() -> IdentityEntity.getEntityManager()
                .createNativeQuery("UPDATE identity SET owner_team = 'billing' WHERE name = 'billing-api'").executeUpdate());

        List<LifecycleActionEntity> flagged = sweep.sweep(now);

        assertEquals(List.of(LifecycleActionType.FLAGGED_ORPHAN), flagged.stream().map(action -> action.action).toList());
        assertTrue(flagged.get(0).reason.contains("'billing' does not exist"), flagged.get(0).reason);
        given().when().get("/api/v1/identities/billing-api").then().statusCode(200)
                .body("lifecycle.orphanedSince", notNullValue());
        given().when().get("/api/v1/lifecycle/notifications").then().statusCode(200)
                .body("find { it.identity == 'billing-api' }.audience", equalTo("admins"));
        assertTrue(sweep.sweep(now).isEmpty(), "flagged once");

        writer.upsertTeam(new TeamDefinition("billing", "billing@acme.example", List.of(), null));
        List<LifecycleActionEntity> cleared = sweep.sweep(now);

        assertEquals(List.of(LifecycleActionType.ORPHAN_FLAG_CLEARED), cleared.stream().map(action -> action.action).toList());
        given().when().get("/api/v1/identities/billing-api").then().statusCode(200)
                .body("lifecycle.orphanedSince", nullValue());
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void notificationsAreSignedRetriedAfterAFailureAndNeverCarryTheSecret() throws Exception {
        idleFor("nightly-build", 30);
        long suspension = sweep.sweep(now).get(0).id;
        receiver.answer(500);

        assertEquals(0, sender.deliverDue(now));

        String pending = given().when().get("/api/v1/lifecycle/notifications").then().statusCode(200)
                .body("[0].state", equalTo("failed")).body("[0].attempts", equalTo(1))
                .body("[0].lastError", containsString("HTTP 500")).extract().asString();
        assertFalse(pending.contains(WEBHOOK_SECRET));
        receiver.answer(200);
        assertEquals(0, sender.deliverDue(now), "not before its backoff");
        assertEquals(1, sender.deliverDue(now.plusSeconds(2)));
        given().when().get("/api/v1/lifecycle/notifications").then().statusCode(200).body("size()", equalTo(0));

        WebhookReceiver.Delivery delivered = receiver.deliveries().get(receiver.deliveries().size() - 1);
        assertEquals(WebhookSignature.of(WEBHOOK_SECRET, delivered.body().getBytes(StandardCharsets.UTF_8)), delivered.signature());
        assertTrue(delivered.signature().startsWith("sha256="));
        JsonNode notice = json.readTree(delivered.body());
        assertEquals("suspended", notice.path("action").asText());
        assertEquals(suspension, notice.path("actionId").asLong());
        assertEquals("nightly-build", notice.path("identity").asText());
        assertEquals("ci-job", notice.path("kind").asText());
        assertEquals("platform", notice.path("ownerTeam").asText());
        assertEquals("builds@acme.example", notice.path("ownerContact").asText());
        assertEquals("platform-oncall@acme.example", notice.path("teamContact").asText());
        assertTrue(notice.path("reason").asText().contains("30 days"));
        assertNotNull(Instant.parse(notice.path("at").asText()));
        assertTrue(notice.path("undo").asText().contains("gatehouse lifecycle undo " + suspension));
        assertFalse(delivered.body().contains(WEBHOOK_SECRET));
    }

    @Test
    void theChatFormatIsOneTextLineWithTheIdentityReasonAndUndo() throws Exception {
        idleFor("nightly-build", 30);
        long suspension = sweep.sweep(now).get(0).id;
        String stored = QuarkusTransaction.requiringNew().call(() -> io.gatehouse.controlplane.model.LifecycleNotificationEntity
                .<io.gatehouse.controlplane.model.LifecycleNotificationEntity>find("actionId", suspension).firstResult().payload);

        JsonNode chat = json.readTree(bodies.render(stored, NotificationFormat.SLACK));

        assertEquals(List.of("text"), iterableToList(chat.fieldNames()));
        String text = chat.path("text").asText();
        assertTrue(text.contains("suspended") && text.contains("*nightly-build*") && text.contains("team platform")
                && text.contains("30 days") && text.contains("gatehouse lifecycle undo " + suspension), text);
    }

    @Test
    void ownersAreWarnedOnceBeforeASuspension() throws Exception {
        idleFor("nightly-build", 24);

        assertTrue(sweep.sweep(now).isEmpty(), "6 days before: no action");
        sweep.sweep(now.plus(Duration.ofDays(1)));
        sender.deliverDue(now.plus(Duration.ofDays(1)));

        List<WebhookReceiver.Delivery> warnings = receiver.deliveries();
        assertEquals(1, warnings.size(), "one warning per unused period");
        JsonNode warning = json.readTree(warnings.get(0).body());
        assertEquals("suspension-warning", warning.path("action").asText());
        assertTrue(warning.path("reason").asText().contains("will be suspended at " + now.plus(Duration.ofDays(6))),
                warning.path("reason").asText());
    }

    @Test
    void accessReviewRemindersGoToTheOwnersWebhookOncePerUndecidedIdentity() throws Exception {
        Instant due = now.plus(Duration.ofDays(10));
        String campaign = reviews.start(ADA, new NewCampaign("Q4 services", ReviewScope.parse("kind:service"),
                new Reviewers(true, List.of()), null, null, due)).campaign().id();

        reviewReminders.sweep(due.minus(Duration.ofDays(2)));
        sender.deliverDue(due.minus(Duration.ofDays(2)));

        List<WebhookReceiver.Delivery> reminders = receiver.deliveries();
        assertEquals(1, reminders.size(), "billing-api is the only service");
        JsonNode reminder = json.readTree(reminders.get(0).body());
        assertEquals("access-review.reminder", reminder.path("action").asText());
        assertEquals("billing-api", reminder.path("identity").asText());
        assertTrue(reminder.path("undo").asText().contains("gatehouse reviews status " + campaign), reminder.toString());
        assertTrue(reviewReminders.sweep(due.minus(Duration.ofDays(1))).isEmpty(), "reminded once");
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anUnusedClientSecretRevocationIsALifecycleActionThatCanBeUndone() {
        String secretId = given().when().post("/api/v1/identities/billing-api/client-secrets").then().statusCode(201)
                .extract().path("info.secretId");
        QuarkusTransaction.requiringNew().run(() -> secrets.bySecretId(secretId).orElseThrow().createdAt
                = now.minus(Duration.ofDays(100)));

        assertEquals(1, secretRevoker.revokeUnused(now).size());

        int actionId = given().when().get("/api/v1/lifecycle/actions?action=client-secret-revoked&identity=billing-api")
                .then().statusCode(200).body("[0].clientSecret", equalTo(secretId))
                .body("[0].reason", containsString("revoke-unused-after")).extract().path("[0].id");
        given().contentType("application/json").body("{\"reason\": \"the quarterly export uses it\"}").when()
                .post("/api/v1/lifecycle/actions/" + actionId + "/undo").then().statusCode(200);

        ClientSecretEntity restored = QuarkusTransaction.requiringNew().call(() -> secrets.bySecretId(secretId).orElseThrow());
        assertNull(restored.revokedAt);
        assertTrue(secretRevoker.revokeUnused(now.plus(Duration.ofDays(1))).isEmpty(), "a fresh unused period from the undo");
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anIdentityTheLifecycleSuspendedGetsNoGatewayToken() {
        String secret = given().when().post("/api/v1/identities/nightly-build/client-secrets").then().statusCode(201)
                .extract().path("secret");
        idleFor("nightly-build", 30);
        sweep.sweep(now);

        given().formParam("grant_type", "client_credentials").formParam("client_id", "nightly-build")
                .formParam("client_secret", secret).when().post("/oauth2/token").then().statusCode(400)
                .body("error", equalTo("unauthorized_client")).body("error_description", containsString("suspended"));
    }

    @Test
    void twoConcurrentSweepsActOnce() throws Exception {
        idleFor("nightly-build", 30);
        CyclicBarrier together = new CyclicBarrier(2);
        List<CompletableFuture<List<LifecycleActionEntity>>> sweeps = new ArrayList<>();
        for (int replica = 0; replica < 2; replica++) {
            sweeps.add(CompletableFuture.supplyAsync(() -> {
                try {
                    together.await(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
                return sweep.sweep(now);
            }));
        }

        int actions = 0;
        for (CompletableFuture<List<LifecycleActionEntity>> result : sweeps) {
            actions += result.get(30, TimeUnit.SECONDS).size();
        }

        assertEquals(1, actions);
        long recorded = QuarkusTransaction.requiringNew().call(() -> LifecycleActionEntity
                .count("identity = ?1 and action = ?2", "nightly-build", LifecycleActionType.SUSPENDED));
        assertEquals(1, recorded);
    }

    @Test
    void anIdentityThatExpiresIsPushedAsExpiredWithoutWaitingForThePeriodicRefresh() throws Exception {
        Instant expiry = Instant.now().truncatedTo(ChronoUnit.SECONDS).plusSeconds(3);
        var expired = publisher.publications()
                .select().where(snapshot -> enforced(snapshot, "short-lived") == IdentityStatus.EXPIRED)
                .toUni().subscribeAsCompletionStage();

        declarative.apply(ADA, POLICY + """
                  - name: short-lived
                    kind: agent
                    owner: {team: platform, contact: agents@acme.example}
                    purpose: Lives two seconds
                    expires: %s
                """.formatted(expiry), true, false);

        PolicySnapshot snapshot = expired.toCompletableFuture().get(15, TimeUnit.SECONDS);
        assertFalse(snapshot.generatedAt().isBefore(expiry), "built at the expiry, not at the 60 s refresh");
    }

    private void idleFor(String name, int days) {
        usage(name, entity -> entity.lastUsedAt = now.minus(Duration.ofDays(days)));
    }

    /** The creation time is not updatable through the entity, as nothing but a test should change it. */
    private static void createdAt(String name, Instant createdAt) {
        QuarkusTransaction.requiringNew().run(() -> IdentityEntity.getEntityManager()
                .createNativeQuery("UPDATE identity SET created_at = ?1 WHERE name = ?2")
                .setParameter(1, createdAt).setParameter(2, name).executeUpdate());
    }

    private void usage(String name, Consumer<IdentityEntity> change) {
        QuarkusTransaction.requiringNew().run(() -> change.accept(identities.findByName(name).orElseThrow()));
    }

    private IdentityStatus enforced(String name) {
        return enforced(publisher.current(), name);
    }

    private static IdentityStatus enforced(PolicySnapshot snapshot, String name) {
        return snapshot.content().identity(name).map(identity -> identity.status()).orElse(null);
    }

    private static List<String> iterableToList(java.util.Iterator<String> names) {
        List<String> list = new ArrayList<>();
        names.forEachRemaining(list::add);
        return list;
    }
}
