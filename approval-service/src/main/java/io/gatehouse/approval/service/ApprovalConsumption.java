package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalEventType;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;

/**
 * Uses up an approval for the one call it was granted for. The state change is a single conditional
 * update, so an approval lets exactly one call through, whichever replica the calls reach.
 */
@ApplicationScoped
public class ApprovalConsumption {

    private static final Logger LOG = Logger.getLogger(ApprovalConsumption.class);

    private final ApprovalRepository repository;
    private final ApprovalTransitions transitions;

    public ApprovalConsumption(ApprovalRepository repository, ApprovalTransitions transitions) {
        this.repository = repository;
        this.transitions = transitions;
    }

    /**
     * @throws InvalidApprovalRequestException when the approval id is missing
     * @throws ApprovalNotFoundException       for an unknown id
     * @throws ApprovalNotConsumableException  when the approval cannot let this call through
     */
    @Transactional(dontRollbackOn = ApprovalNotConsumableException.class)
    public Approval consume(String approvalId, String identity, String requestDigest) {
        ApprovalTransitions.requireId(approvalId);
        Instant now = transitions.now();
        if (repository.consume(approvalId, identity, requestDigest, now) == 1) {
            LOG.infof("approval %s consumed by identity %s", approvalId, identity);
            return transitions.applied(approvalId, ApprovalEventType.CONSUMED, identity, "the approved call went through", now);
        }
        ApprovalEntity current = transitions.current(approvalId, now);
        String refusal = refusalReason(current, identity, requestDigest, now);
        LOG.infof("approval %s not consumed: %s", approvalId, refusal);
        throw new ApprovalNotConsumableException(refusal);
    }

    private static String refusalReason(ApprovalEntity approval, String identity, String requestDigest, Instant now) {
        if (approval.getState() == ApprovalState.CONSUMED) {
            return "approval has already been used";
        }
        if (approval.getState() == ApprovalState.EXPIRED || !approval.getExpiresAt().isAfter(now)) {
            return "approval has expired";
        }
        if (approval.getState() != ApprovalState.APPROVED) {
            return "approval is not approved (state " + approval.getState() + ")";
        }
        if (!approval.getIdentity().equals(identity)) {
            return "approval was granted to a different identity";
        }
        if (!approval.getRequestDigest().equals(requestDigest)) {
            return "request digest does not match the approved call";
        }
        return "approval could not be consumed";
    }
}
