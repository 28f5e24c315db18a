package io.gatehouse.dataplane.approval;

import com.google.protobuf.Timestamp;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.proto.approval.v1.ApprovalRequest;
import io.gatehouse.proto.approval.v1.ApprovalService;
import io.gatehouse.proto.approval.v1.ApprovalState;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.gatehouse.proto.approval.v1.CancelApprovalRequest;
import io.gatehouse.proto.approval.v1.ConsumeApprovalRequest;
import io.gatehouse.proto.approval.v1.WatchApprovalRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * Holds a call that needs a human's approval: asks the approval service, waits up to the hold
 * time for a decision, and consumes an approval atomically so that it lets exactly one call
 * through. A caller that gives up while held withdraws its pending approval. If the approval
 * service cannot be reached the call fails with {@link ApprovalUnavailableException}: no answer is
 * never a yes.
 */
@ApplicationScoped
public class ApprovalGate {

    private static final Logger LOG = Logger.getLogger(ApprovalGate.class);
    private static final Set<ApprovalState> DECIDED = Set.of(ApprovalState.APPROVAL_STATE_APPROVED,
            ApprovalState.APPROVAL_STATE_DENIED, ApprovalState.APPROVAL_STATE_EXPIRED, ApprovalState.APPROVAL_STATE_CONSUMED,
            ApprovalState.APPROVAL_STATE_CANCELLED);
    private static final Duration WATCH_RETRY_MIN = Duration.ofMillis(100);
    private static final Duration WATCH_RETRY_MAX = Duration.ofSeconds(2);
    static final String CALLER_GAVE_UP = "the caller closed the connection while the call was held";

    private final ApprovalService approvals;
    private final String dataPlaneId;
    private final Duration defaultHold;
    private final Duration defaultValidity;

    @Inject
    public ApprovalGate(@GrpcClient("approval") ApprovalService approvals, DataPlaneConfig config) {
        this(approvals, config.dataPlane().id(), config.approval().holdTimeout(), config.approval().ttl());
    }

    ApprovalGate(ApprovalService approvals, String dataPlaneId, Duration defaultHold, Duration defaultValidity) {
        this.approvals = approvals;
        this.dataPlaneId = dataPlaneId;
        this.defaultHold = defaultHold;
        this.defaultValidity = defaultValidity;
    }

    /** The hold time of a call under {@code call}'s grant, before the caller's own preference. */
    public Duration holdTime(ApprovalCall call) {
        return call.rule().holdTime() != null ? call.rule().holdTime() : defaultHold;
    }

    /**
     * Asks for, and waits at most {@code hold} for, the decision on one call. When {@code callerGone}
     * completes while the call is held, the pending approval is cancelled.
     */
    public Uni<ApprovalOutcome> decide(ApprovalCall call, Duration hold, CompletionStage<Void> callerGone) {
        String digest = call.digest();
        return approvals.requestApproval(request(call, digest))
                .onItem().transformToUni(ticket -> ticket.getState() == ApprovalState.APPROVAL_STATE_PENDING && !hold.isZero()
                        ? awaitDecision(ticket, hold, call, callerGone)
                        : Uni.createFrom().item(ticket))
                .onItem().transformToUni(ticket -> conclude(ticket, call, digest))
                .onFailure(failure -> !(failure instanceof ApprovalUnavailableException))
                .transform(failure -> unavailable(call, failure));
    }

    /**
     * Like {@link #decide}, for a retry that names the approval it was told about (202): the call must be the
     * one that approval was asked for (same identity and request digest), otherwise it is refused.
     */
    public Uni<ApprovalOutcome> retry(ApprovalCall call, String approvalId, Duration hold, CompletionStage<Void> callerGone) {
        String digest = call.digest();
        return approvals.watchApproval(WatchApprovalRequest.newBuilder().setApprovalId(approvalId).build())
                .toUni()
                .onItem().transformToUni(ticket -> {
                    if (ticket == null || !ticket.getIdentity().equals(call.identity()) || !ticket.getRequestDigest().equals(digest)) {
                        return Uni.createFrom().item(new ApprovalOutcome(ApprovalOutcome.Verdict.REFUSED, approvalId,
                                "approval " + approvalId + " was asked for another request: the method, path, query or body differ"));
                    }
                    Uni<ApprovalTicket> current = ticket.getState() == ApprovalState.APPROVAL_STATE_PENDING && !hold.isZero()
                            ? awaitDecision(ticket, hold, call, callerGone)
                            : Uni.createFrom().item(ticket);
                    return current.onItem().transformToUni(decided -> conclude(decided, call, digest));
                })
                .onFailure(ApprovalGate::isNotFound).recoverWithItem(failure -> new ApprovalOutcome(
                        ApprovalOutcome.Verdict.REFUSED, approvalId, "approval " + approvalId + " does not exist"))
                .onFailure(failure -> !(failure instanceof ApprovalUnavailableException))
                .transform(failure -> unavailable(call, failure));
    }

    /**
     * Records a break-glass call: it passes at once and the approval service opens a review of it.
     * Completes with the id of the record; fails with {@link ApprovalUnavailableException} when the
     * record cannot be written (then the call does not pass).
     */
    public Uni<String> breakGlass(ApprovalCall call) {
        return approvals.recordBreakGlass(request(call, call.digest()))
                .map(ApprovalTicket::getApprovalId)
                .onFailure().transform(failure -> unavailable(call, failure));
    }

    private ApprovalUnavailableException unavailable(ApprovalCall call, Throwable failure) {
        LOG.warnf("Approval service failed for request %s: %s", call.requestId(), describe(failure));
        return new ApprovalUnavailableException("the approval service is unavailable; the call was not forwarded");
    }

    private Uni<ApprovalTicket> awaitDecision(ApprovalTicket pending, Duration hold, ApprovalCall call,
                                              CompletionStage<Void> callerGone) {
        // a watch lost with its approval-service replica is opened again (on another replica: the approval is in
        // the shared database) until the hold time is over
        Uni<ApprovalTicket> decided = approvals.watchApproval(WatchApprovalRequest.newBuilder().setApprovalId(pending.getApprovalId()).build())
                .onFailure(ApprovalGate::isLostStream).invoke(failure -> LOG.infof(
                        "Request %s: lost the watch of approval %s (%s); watching again", call.requestId(),
                        pending.getApprovalId(), describe(failure)))
                .onFailure(ApprovalGate::isLostStream).retry().withBackOff(WATCH_RETRY_MIN, WATCH_RETRY_MAX).indefinitely()
                .select().where(ticket -> DECIDED.contains(ticket.getState()))
                .toUni()
                .ifNoItem().after(hold).recoverWithItem(pending)
                .onItem().ifNull().continueWith(pending);
        Uni<ApprovalTicket> gaveUp = Uni.createFrom().completionStage(callerGone)
                .onItem().transformToUni(ignored -> cancel(pending, call));
        return Uni.combine().any().of(decided, gaveUp);
    }

    /** Withdraws the approval of a caller that gave up; if it was decided meanwhile, it stays as decided. */
    private Uni<ApprovalTicket> cancel(ApprovalTicket pending, ApprovalCall call) {
        LOG.infof("Request %s: the caller gave up; cancelling approval %s", call.requestId(), pending.getApprovalId());
        return approvals.cancelApproval(CancelApprovalRequest.newBuilder()
                        .setApprovalId(pending.getApprovalId())
                        .setIdentity(call.identity())
                        .setReason(CALLER_GAVE_UP)
                        .build())
                .onFailure(ApprovalGate::isPrecondition).recoverWithItem(pending);
    }

    private Uni<ApprovalOutcome> conclude(ApprovalTicket ticket, ApprovalCall call, String digest) {
        String id = ticket.getApprovalId();
        return switch (ticket.getState()) {
            case APPROVAL_STATE_APPROVED -> approvals.consumeApproval(ConsumeApprovalRequest.newBuilder()
                            .setApprovalId(id).setIdentity(call.identity()).setRequestDigest(digest).build())
                    .map(consumed -> new ApprovalOutcome(ApprovalOutcome.Verdict.APPROVED, id, "approved by " + consumed.getDecidedBy()))
                    .onFailure(ApprovalGate::isPrecondition)
                    .recoverWithItem(failure -> new ApprovalOutcome(ApprovalOutcome.Verdict.REFUSED, id,
                            "approval " + id + " cannot be used for this call (already used, expired or for another request)"));
            case APPROVAL_STATE_PENDING -> Uni.createFrom().item(new ApprovalOutcome(ApprovalOutcome.Verdict.PENDING, id, "waiting for approval"));
            case APPROVAL_STATE_DENIED -> Uni.createFrom().item(new ApprovalOutcome(ApprovalOutcome.Verdict.REFUSED, id,
                    "denied by " + ticket.getDecidedBy() + (ticket.getReason().isEmpty() ? "" : ": " + ticket.getReason())));
            case APPROVAL_STATE_EXPIRED -> Uni.createFrom().item(new ApprovalOutcome(ApprovalOutcome.Verdict.REFUSED, id,
                    "approval " + id + " expired before it was decided"));
            case APPROVAL_STATE_CANCELLED -> Uni.createFrom().item(new ApprovalOutcome(ApprovalOutcome.Verdict.REFUSED, id,
                    "approval " + id + " was cancelled"));
            default -> Uni.createFrom().item(new ApprovalOutcome(ApprovalOutcome.Verdict.REFUSED, id,
                    "approval " + id + " was already used"));
        };
    }

    private ApprovalRequest request(ApprovalCall call, String digest) {
        Instant expires = Instant.now().plus(call.rule().validity() != null ? call.rule().validity() : defaultValidity);
        return ApprovalRequest.newBuilder()
                .setIdentity(call.identity())
                .setResource(call.resource())
                .setMethod(call.method())
                .setPath(call.canonicalPath())
                .setRequestDigest(digest)
                .setJustification(call.justification() == null ? "" : call.justification())
                .setApproverGroup(call.rule().approverGroup())
                .setQuorum(call.rule().quorum())
                .setExpiresAt(Timestamp.newBuilder().setSeconds(expires.getEpochSecond()).setNanos(expires.getNano()))
                .setDataPlaneId(dataPlaneId)
                .setRequestId(call.requestId())
                .setOwnerTeam(call.ownerTeam() == null ? "" : call.ownerTeam())
                .setOwnerTeamMayApprove(call.rule().ownerTeamMayApprove())
                .build();
    }

    private static boolean isNotFound(Throwable failure) {
        return failure instanceof StatusRuntimeException sre && sre.getStatus().getCode() == Status.Code.NOT_FOUND;
    }

    /**
     * A stream ended by its server going away: UNAVAILABLE (connection lost) or CANCELLED (the server cancelled it as it
     * shut down; a cancellation of ours never arrives as a failure).
     */
    private static boolean isLostStream(Throwable failure) {
        return failure instanceof StatusRuntimeException sre
                && (sre.getStatus().getCode() == Status.Code.UNAVAILABLE || sre.getStatus().getCode() == Status.Code.CANCELLED);
    }

    private static boolean isPrecondition(Throwable failure) {
        return failure instanceof StatusRuntimeException sre && sre.getStatus().getCode() == Status.Code.FAILED_PRECONDITION;
    }

    private static String describe(Throwable failure) {
        return failure instanceof StatusRuntimeException sre ? sre.getStatus().getCode().toString() : failure.getClass().getSimpleName();
    }
}
