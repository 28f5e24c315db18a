package io.gatehouse.approval.grpc;

import com.google.protobuf.Timestamp;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalDetails;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.model.Decision;
import io.gatehouse.proto.approval.v1.ApprovalDecision;
import io.gatehouse.approval.model.NewApproval;
import io.gatehouse.approval.model.Review;
import io.gatehouse.proto.approval.v1.ReviewState;
import io.gatehouse.proto.approval.v1.ApprovalRequest;
import io.gatehouse.proto.approval.v1.ApprovalTicket;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;

/** Translates between the approval protobuf messages and the domain. */
@ApplicationScoped
public class ApprovalTicketMapper {

    public NewApproval toNewApproval(ApprovalRequest request) {
        return new NewApproval(
                request.getIdentity(),
                request.getResource(),
                emptyToNull(request.getMethod()),
                emptyToNull(request.getPath()),
                request.getRequestDigest(),
                emptyToNull(request.getJustification()),
                emptyToNull(request.getApproverGroup()),
                request.getQuorum(),
                request.hasExpiresAt() ? toInstant(request.getExpiresAt()) : null,
                emptyToNull(request.getDataPlaneId()),
                emptyToNull(request.getRequestId()),
                emptyToNull(request.getOwnerTeam()),
                request.getOwnerTeamMayApprove());
    }

    public ApprovalTicket toTicket(Approval approval) {
        ApprovalTicket.Builder ticket = ApprovalTicket.newBuilder()
                .setApprovalId(approval.id())
                .setState(toProto(approval.state()))
                .setIdentity(approval.identity())
                .setResource(approval.resource())
                .setMethod(nullToEmpty(approval.method()))
                .setPath(nullToEmpty(approval.path()))
                .setRequestDigest(approval.requestDigest())
                .setDecidedBy(nullToEmpty(approval.decidedBy()))
                .setReason(nullToEmpty(approval.reason()))
                .setExpiresAt(toTimestamp(approval.expiresAt()))
                .setJustification(nullToEmpty(approval.justification()))
                .setApproverGroup(nullToEmpty(approval.approverGroup()))
                .setQuorum(approval.quorum())
                .setCreatedAt(toTimestamp(approval.createdAt()));
        if (approval.decidedAt() != null) {
            ticket.setDecidedAt(toTimestamp(approval.decidedAt()));
        }
        if (approval.review() != null) {
            ticket.setReview(toProto(approval.review()));
        }
        return ticket.build();
    }

    private static io.gatehouse.proto.approval.v1.Review toProto(Review review) {
        io.gatehouse.proto.approval.v1.Review.Builder message = io.gatehouse.proto.approval.v1.Review.newBuilder()
                .setState(review.state() == Review.State.OPEN ? ReviewState.REVIEW_STATE_OPEN : ReviewState.REVIEW_STATE_CLOSED)
                .setReviewedBy(nullToEmpty(review.reviewedBy()))
                .setReason(nullToEmpty(review.reason()));
        if (review.verdict() != null) {
            message.setVerdict(review.verdict() == Decision.APPROVE
                    ? ApprovalDecision.APPROVAL_DECISION_APPROVE : ApprovalDecision.APPROVAL_DECISION_DENY);
        }
        if (review.reviewedAt() != null) {
            message.setReviewedAt(toTimestamp(review.reviewedAt()));
        }
        return message.build();
    }

    /** The ticket with the approvers counted so far. */
    public ApprovalTicket toTicket(ApprovalDetails details) {
        return toTicket(details.approval()).toBuilder().addAllApprovedBy(details.approvedBy()).build();
    }

    /** @throws io.gatehouse.approval.service.InvalidApprovalRequestException for an unspecified decision */
    public Decision toDecision(ApprovalDecision decision) {
        return switch (decision) {
            case APPROVAL_DECISION_APPROVE -> Decision.APPROVE;
            case APPROVAL_DECISION_DENY -> Decision.DENY;
            default -> throw new io.gatehouse.approval.service.InvalidApprovalRequestException(
                    "decision must be APPROVE or DENY");
        };
    }

    static io.gatehouse.proto.approval.v1.ApprovalState toProto(ApprovalState state) {
        return switch (state) {
            case PENDING -> io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_PENDING;
            case APPROVED -> io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_APPROVED;
            case DENIED -> io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_DENIED;
            case EXPIRED -> io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_EXPIRED;
            case CANCELLED -> io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_CANCELLED;
            case CONSUMED -> io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_CONSUMED;
            case BREAK_GLASS -> io.gatehouse.proto.approval.v1.ApprovalState.APPROVAL_STATE_BREAK_GLASS;
        };
    }

    private static Instant toInstant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }

    private static Timestamp toTimestamp(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }

    private static String emptyToNull(String value) {
        return value == null || value.isEmpty() ? null : value;
    }

    private static String nullToEmpty(String value) {
        return value == null ? "" : value;
    }
}
