package io.gatehouse.approval.audit;

import com.google.protobuf.Timestamp;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEventType;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.Decision;

import java.time.Instant;
import java.util.UUID;

/**
 * Maps one approval transition to the control plane's audit event. The event carries the call the
 * approval is about (identity, resource, method, path, the request id of the call that asked), a dotted
 * {@code kind} and the {@code actor}; its {@code decision} stays unspecified because it is not a call's
 * outcome (the data plane records the calls themselves).
 */
final class ApprovalAuditEvents {

    private ApprovalAuditEvents() {
    }

    static AuditEvent of(UUID eventId, Approval approval, ApprovalEventType type, String actor, String reason, Instant at) {
        return AuditEvent.newBuilder()
                .setEventId(eventId.toString())
                .setRequestId(nullToEmpty(approval.requestId()))
                .setTime(Timestamp.newBuilder().setSeconds(at.getEpochSecond()).setNanos(at.getNano()))
                .setDataPlaneId(nullToEmpty(approval.dataPlaneId()))
                .setIdentity(approval.identity())
                .setResource(approval.resource())
                .setMethod(nullToEmpty(approval.method()))
                .setPath(nullToEmpty(approval.path()))
                .setDecision(Decision.DECISION_UNSPECIFIED)
                .setReason(summary(approval, type, actor, reason))
                .setApprovalId(approval.id())
                .setKind(kind(type))
                .setActor(nullToEmpty(actor))
                .build();
    }

    static String kind(ApprovalEventType type) {
        return switch (type) {
            case REQUESTED -> "approval.requested";
            case APPROVAL_RECORDED -> "approval.vote_recorded";
            case APPROVED -> "approval.approved";
            case DENIED -> "approval.denied";
            case EXPIRED -> "approval.expired";
            case CANCELLED -> "approval.cancelled";
            case CONSUMED -> "approval.consumed";
            case BREAK_GLASS -> "approval.break_glass";
            case REVIEWED -> "approval.reviewed";
        };
    }

    /** A sentence an auditor can read without the kind and actor columns: what happened, by whom, why. */
    private static String summary(Approval approval, ApprovalEventType type, String actor, String reason) {
        String what = switch (type) {
            case REQUESTED -> "approval requested by " + actor;
            case APPROVAL_RECORDED -> "approval vote by " + actor + " (quorum " + approval.quorum() + ")";
            case APPROVED -> "approved by " + approval.decidedBy();
            case DENIED -> "denied by " + actor;
            case EXPIRED -> "approval expired undecided";
            case CANCELLED -> "approval cancelled by " + actor;
            case CONSUMED -> "approval used by the approved call";
            case BREAK_GLASS -> "break-glass by " + actor + ": passed without approval, review required";
            case REVIEWED -> "break-glass reviewed by " + actor;
        };
        return reason == null || reason.isBlank() ? what : what + ": " + reason;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
