package io.gatehouse.approval.model;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

import java.time.Instant;

/** Row of table {@code approval_decision}: one approver's decision on one approval (unique per approver). */
@Entity
@Table(name = "approval_decision")
public class ApprovalDecisionEntity {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    private Long id;

    @Column(name = "approval_id", nullable = false)
    private String approvalId;

    @Column(nullable = false)
    private String approver;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    private Decision decision;

    private String reason;

    @Column(name = "decided_at", nullable = false)
    private Instant decidedAt;

    protected ApprovalDecisionEntity() {
        // for JPA
    }

    public static ApprovalDecisionEntity of(String approvalId, String approver, Decision decision, String reason,
            Instant decidedAt) {
        ApprovalDecisionEntity entity = new ApprovalDecisionEntity();
        entity.approvalId = approvalId;
        entity.approver = approver;
        entity.decision = decision;
        entity.reason = reason;
        entity.decidedAt = decidedAt;
        return entity;
    }

    public Vote toVote() {
        return new Vote(approver, decision, reason, decidedAt);
    }

    public String getApprover() {
        return approver;
    }

    public Decision getDecision() {
        return decision;
    }
}
