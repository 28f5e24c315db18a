package io.gatehouse.dataplane.approval;

import com.google.protobuf.Timestamp;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.proto.approval.v1.ApprovalRequest;
import io.gatehouse.proto.approval.v1.ApprovalService;
import io.gatehouse.proto.approval.v1.ApprovalState;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import io.gatehouse.proto.approval.v1.ConsumeApprovalRequest;
import io.gatehouse.proto.approval.v1.WatchApprovalRequest;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.quarkus.grpc.GrpcClient;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/**
 * Holds a call that needs a human's approval: asks the approval service, waits up to the hold
 * time for a decision, and consumes an approval atomically so that it lets exactly one call
 * through. If the approval service cannot be reached the call fails with
 * {@link ApprovalUnavailableException}: no answer is never a yes.
 */
@ApplicationScoped
public class ApprovalGate {

    private static final Logger LOG = Logger.getLogger(ApprovalGate.class);
    private static final Set<ApprovalState> DECIDED = Set.of(ApprovalState.APPROVAL_STATE_APPROVED,
            ApprovalState.APPROVAL_STATE_DENIED, ApprovalState.APPROVAL_STATE_EXPIRED, ApprovalState.APPROVAL_STATE_CONSUMED,
            ApprovalState.APPROVAL_STATE_CANCELLED);

    private final ApprovalService approvals;
    private final String dataPlaneId;
    private final Duration holdTimeout;
    private final Duration ttl;

    public ApprovalGate(@GrpcClient("approval") ApprovalService approvals, DataPlaneConfig config) {
        this.approvals = approvals;
        this.dataPlaneId = config.dataPlane().id();
        this.holdTimeout = config.approval().holdTimeout();
        this.ttl = config.approval().ttl();
    }

    public Duration holdTimeout() {
        return holdTimeout;
    }

    /** Asks for, and waits at most {@code hold} for, the decision on one call. */
    public Uni<ApprovalOutcome> decide(ApprovalCall call, Duration hold) {
        String digest = call.digest();
        return approvals.requestApproval(request(call, digest))
                .onItem().transformToUni(ticket -> ticket.getState() == ApprovalState.APPROVAL_STATE_PENDING && !hold.isZero()
                        ? awaitDecision(ticket, hold)
                        : Uni.createFrom().item(ticket))
                .onItem().transformToUni(ticket -> conclude(ticket, call, digest))
                .onFailure(failure -> !(failure instanceof ApprovalUnavailableException))
                .transform(failure -> {
                    LOG.warnf("Approval service failed for request %s: %s", call.requestId(), describe(failure));
                    return new ApprovalUnavailableException("the approval service is unavailable; the call was not forwarded");
                });
    }

    private Uni<ApprovalTicket> awaitDecision(ApprovalTicket pending, Duration hold) {
        return approvals.watchApproval(WatchApprovalRequest.newBuilder().setApprovalId(pending.getApprovalId()).build())
                .select().where(ticket -> DECIDED.contains(ticket.getState()))
                .toUni()
                .ifNoItem().after(hold).recoverWithItem(pending)
                .onItem().ifNull().continueWith(pending);
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
        Instant expires = Instant.now().plus(ttl);
        return ApprovalRequest.newBuilder()
                .setIdentity(call.identity())
                .setResource(call.resource())
                .setMethod(call.method())
                .setPath(call.canonicalPath())
                .setRequestDigest(digest)
                .setJustification(call.justification())
                .setApproverGroup(call.rule().approverGroup())
                .setQuorum(call.rule().quorum())
                .setExpiresAt(Timestamp.newBuilder().setSeconds(expires.getEpochSecond()).setNanos(expires.getNano()))
                .setDataPlaneId(dataPlaneId)
                .setRequestId(call.requestId())
                .build();
    }

    private static boolean isPrecondition(Throwable failure) {
        return failure instanceof StatusRuntimeException sre && sre.getStatus().getCode() == Status.Code.FAILED_PRECONDITION;
    }

    private static String describe(Throwable failure) {
        return failure instanceof StatusRuntimeException sre ? sre.getStatus().getCode().toString() : failure.getClass().getSimpleName();
    }
}
