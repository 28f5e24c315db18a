package io.gatehouse.dataplane.approval;

import io.gatehouse.dataplane.policy.ApprovalRule;
import io.gatehouse.proto.approval.v1.ApprovalRequest;
import io.gatehouse.proto.approval.v1.ApprovalService;
import io.gatehouse.proto.approval.v1.ApprovalState;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.gatehouse.proto.approval.v1.CancelApprovalRequest;
import io.gatehouse.proto.approval.v1.ConsumeApprovalRequest;
import io.gatehouse.proto.approval.v1.WatchApprovalRequest;
import io.grpc.Status;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ApprovalGateTest {

    private static final Duration DEFAULT_HOLD = Duration.ofSeconds(30);
    private static final Duration DEFAULT_VALIDITY = Duration.ofMinutes(15);

    private final RecordingApprovalService service = new RecordingApprovalService();
    private final ApprovalGate gate = new ApprovalGate(service, "dp-test", DEFAULT_HOLD, DEFAULT_VALIDITY);

    @Test
    void sendsTheOwnerTeamTheOwnerTeamRuleAndTheGrantsValidity() {
        ApprovalRule rule = new ApprovalRule("payments-approvers", 2, Duration.ofSeconds(5), Duration.ofMinutes(2), true, false);
        Instant before = Instant.now();

        ApprovalOutcome outcome = gate.decide(call(rule, "refund order 7"), Duration.ZERO, new CompletableFuture<>())
                .await().atMost(Duration.ofSeconds(5));

        assertEquals(ApprovalOutcome.Verdict.PENDING, outcome.verdict());
        ApprovalRequest sent = service.requested;
        assertEquals("platform", sent.getOwnerTeam());
        assertTrue(sent.getOwnerTeamMayApprove());
        assertEquals("refund order 7", sent.getJustification());
        assertEquals(2, sent.getQuorum());
        long validitySeconds = sent.getExpiresAt().getSeconds() - before.getEpochSecond();
        assertTrue(validitySeconds >= 119 && validitySeconds <= 121, "validity of the grant, was " + validitySeconds + " s");
        assertEquals(Duration.ofSeconds(5), gate.holdTime(call(rule, "x")));
    }

    @Test
    void withoutGrantSettingsTheDataPlaneDefaultsApplyAndTheOwnerTeamMayNotApprove() {
        ApprovalRule rule = new ApprovalRule("payments-approvers", 1);
        Instant before = Instant.now();

        gate.decide(call(rule, "why"), Duration.ZERO, new CompletableFuture<>()).await().atMost(Duration.ofSeconds(5));

        assertFalse(service.requested.getOwnerTeamMayApprove());
        long validitySeconds = service.requested.getExpiresAt().getSeconds() - before.getEpochSecond();
        assertTrue(validitySeconds >= 899 && validitySeconds <= 901, "default validity, was " + validitySeconds + " s");
        assertEquals(DEFAULT_HOLD, gate.holdTime(call(rule, "x")));
    }

    @Test
    void aCallerWhoGivesUpWhileHeldCancelsThePendingApproval() {
        CompletableFuture<Void> callerGone = new CompletableFuture<>();
        CompletableFuture<ApprovalOutcome> outcome = gate.decide(call(new ApprovalRule("g", 1), "why"),
                Duration.ofMinutes(1), callerGone).subscribeAsCompletionStage();
        assertFalse(outcome.isDone());

        callerGone.complete(null);

        ApprovalOutcome result = outcome.join();
        assertEquals(ApprovalOutcome.Verdict.REFUSED, result.verdict());
        assertEquals("a-1", service.cancelled.getApprovalId());
        assertEquals("deploy-bot", service.cancelled.getIdentity());
        assertEquals(ApprovalGate.CALLER_GAVE_UP, service.cancelled.getReason());
    }

    @Test
    void aCallerWhoStaysCancelsNothing() {
        ApprovalOutcome outcome = gate.decide(call(new ApprovalRule("g", 1), "why"), Duration.ofMillis(200),
                new CompletableFuture<>()).await().atMost(Duration.ofSeconds(5));

        assertEquals(ApprovalOutcome.Verdict.PENDING, outcome.verdict());
        assertNull(service.cancelled);
    }

    @Test
    void breakGlassIsRecordedOrTheCallDoesNotPass() {
        ApprovalRule rule = new ApprovalRule("g", 1, null, null, false, true);

        assertEquals("bg-1", gate.breakGlass(call(rule, "prod is down")).await().atMost(Duration.ofSeconds(5)));
        assertEquals("prod is down", service.breakGlass.getJustification());

        service.failBreakGlass = true;
        RuntimeException failure = assertThrows(RuntimeException.class,
                () -> gate.breakGlass(call(rule, "prod is down")).await().atMost(Duration.ofSeconds(5)));
        assertInstanceOf(ApprovalUnavailableException.class, failure);
    }

    @Test
    void aRetryNamingTheApprovalOfAnotherRequestIsRefused() {
        ApprovalCall call = call(new ApprovalRule("g", 1), "why");
        service.current = ApprovalTicket.newBuilder().setApprovalId("a-9").setState(ApprovalState.APPROVAL_STATE_APPROVED)
                .setIdentity("deploy-bot").setRequestDigest("0".repeat(64)).build();

        ApprovalOutcome outcome = gate.retry(call, "a-9", Duration.ZERO, new CompletableFuture<>())
                .await().atMost(Duration.ofSeconds(5));

        assertEquals(ApprovalOutcome.Verdict.REFUSED, outcome.verdict());
        assertTrue(outcome.reason().contains("another request"), outcome.reason());
    }

    @Test
    void aRetryOfTheSameRequestUsesItsApprovalAndAnUnknownApprovalIsRefused() {
        ApprovalCall call = call(new ApprovalRule("g", 1), "why");
        service.current = ApprovalTicket.newBuilder().setApprovalId("a-9").setState(ApprovalState.APPROVAL_STATE_EXPIRED)
                .setIdentity("deploy-bot").setRequestDigest(call.digest()).build();

        ApprovalOutcome expired = gate.retry(call, "a-9", Duration.ZERO, new CompletableFuture<>())
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(ApprovalOutcome.Verdict.REFUSED, expired.verdict());
        assertTrue(expired.reason().contains("expired"), expired.reason());

        service.current = null;
        service.unknown = true;
        ApprovalOutcome unknown = gate.retry(call, "nope", Duration.ZERO, new CompletableFuture<>())
                .await().atMost(Duration.ofSeconds(5));
        assertEquals(ApprovalOutcome.Verdict.REFUSED, unknown.verdict());
        assertTrue(unknown.reason().contains("does not exist"), unknown.reason());
    }

    @Test
    void aWatchLostWithItsApprovalServiceReplicaIsOpenedAgainAndSeesTheDecision() {
        service.lostWatches = 2;
        service.decidedOnRewatch = ApprovalState.APPROVAL_STATE_APPROVED;

        ApprovalOutcome outcome = gate.decide(call(new ApprovalRule("g", 1), "why"), Duration.ofSeconds(10),
                new CompletableFuture<>()).await().atMost(Duration.ofSeconds(10));

        assertEquals(ApprovalOutcome.Verdict.APPROVED, outcome.verdict(), outcome.reason());
        assertEquals(3, service.watches.get(), "two lost watches and the one that saw the decision");
    }

    @Test
    void aWatchThatCannotBeOpenedAgainEndsPendingAfterTheHoldTime() {
        service.lostWatches = Integer.MAX_VALUE;

        ApprovalOutcome outcome = gate.decide(call(new ApprovalRule("g", 1), "why"), Duration.ofMillis(500),
                new CompletableFuture<>()).await().atMost(Duration.ofSeconds(5));

        assertEquals(ApprovalOutcome.Verdict.PENDING, outcome.verdict(), "never approved for want of an answer");
    }

    private static ApprovalCall call(ApprovalRule rule, String justification) {
        return new ApprovalCall("deploy-bot", "platform", "demo", "POST", "/demo/refunds", null,
                "{\"amount\":1}".getBytes(StandardCharsets.UTF_8), justification, rule, "req-1");
    }

    /** Answers like an approval service whose approvals stay pending until cancelled. */
    private static final class RecordingApprovalService implements ApprovalService {
        volatile ApprovalRequest requested;
        volatile ApprovalRequest breakGlass;
        volatile CancelApprovalRequest cancelled;
        volatile boolean failBreakGlass;
        volatile ApprovalTicket current;
        volatile boolean unknown;
        volatile int lostWatches;
        volatile ApprovalState decidedOnRewatch;
        final java.util.concurrent.atomic.AtomicInteger watches = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public Uni<ApprovalTicket> requestApproval(ApprovalRequest request) {
            requested = request;
            return Uni.createFrom().item(ticket("a-1", ApprovalState.APPROVAL_STATE_PENDING));
        }

        @Override
        public Multi<ApprovalTicket> watchApproval(WatchApprovalRequest request) {
            if (unknown) {
                return Multi.createFrom().failure(Status.NOT_FOUND.asRuntimeException());
            }
            if (current != null) {
                return Multi.createFrom().item(current);
            }
            if (lostWatches > 0) {
                return Multi.createFrom().deferred(() -> {
                    int watch = watches.incrementAndGet();
                    if (watch <= lostWatches) {
                        // like a gRPC stream: the current state, then the replica is gone a little later
                        return Multi.createFrom().<ApprovalTicket>emitter(emitter -> {
                            emitter.emit(ticket(request.getApprovalId(), ApprovalState.APPROVAL_STATE_PENDING));
                            java.util.concurrent.CompletableFuture.delayedExecutor(50, java.util.concurrent.TimeUnit.MILLISECONDS)
                                    .execute(() -> emitter.fail(Status.UNAVAILABLE.withDescription("replica gone").asRuntimeException()));
                        });
                    }
                    return Multi.createFrom().item(ticket(request.getApprovalId(), decidedOnRewatch));
                });
            }
            return Multi.createBy().concatenating().streams(
                    Multi.createFrom().item(ticket(request.getApprovalId(), ApprovalState.APPROVAL_STATE_PENDING)),
                    Multi.createFrom().nothing());
        }

        @Override
        public Uni<ApprovalTicket> consumeApproval(ConsumeApprovalRequest request) {
            if (decidedOnRewatch == ApprovalState.APPROVAL_STATE_APPROVED) {
                return Uni.createFrom().item(ticket(request.getApprovalId(), ApprovalState.APPROVAL_STATE_CONSUMED).toBuilder()
                        .setDecidedBy("olga").build());
            }
            return Uni.createFrom().failure(Status.FAILED_PRECONDITION.asRuntimeException());
        }

        @Override
        public Uni<ApprovalTicket> cancelApproval(CancelApprovalRequest request) {
            cancelled = request;
            return Uni.createFrom().item(ticket(request.getApprovalId(), ApprovalState.APPROVAL_STATE_CANCELLED));
        }

        @Override
        public Uni<ApprovalTicket> recordBreakGlass(ApprovalRequest request) {
            breakGlass = request;
            return failBreakGlass
                    ? Uni.createFrom().failure(Status.UNAVAILABLE.asRuntimeException())
                    : Uni.createFrom().item(ticket("bg-1", ApprovalState.APPROVAL_STATE_BREAK_GLASS));
        }

        private static ApprovalTicket ticket(String id, ApprovalState state) {
            return ApprovalTicket.newBuilder().setApprovalId(id).setState(state).build();
        }
    }
}
