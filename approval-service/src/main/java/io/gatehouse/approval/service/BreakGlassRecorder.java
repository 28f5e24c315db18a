package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalEventType;
import io.gatehouse.approval.model.NewApproval;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Instant;
import java.util.UUID;

/**
 * Records a call that passed at once under its grant's break-glass. The record is created already used
 * (state BREAK_GLASS) with an open review, which stays open until a member of the approver group closes it.
 */
@ApplicationScoped
public class BreakGlassRecorder {

    private static final Logger LOG = Logger.getLogger(BreakGlassRecorder.class);

    private final ApprovalRepository repository;
    private final NewApprovalValidator validator;
    private final DefaultApproverGroup defaultGroup;
    private final ApprovalTtlPolicy ttlPolicy;
    private final ApprovalHistory history;
    private final ApprovalClock clock;
    private final Event<BreakGlassRecorded> recorded;

    public BreakGlassRecorder(ApprovalRepository repository, NewApprovalValidator validator,
            DefaultApproverGroup defaultGroup, ApprovalTtlPolicy ttlPolicy, ApprovalHistory history, ApprovalClock clock,
            Event<BreakGlassRecorded> recorded) {
        this.repository = repository;
        this.validator = validator;
        this.defaultGroup = defaultGroup;
        this.ttlPolicy = ttlPolicy;
        this.history = history;
        this.clock = clock;
        this.recorded = recorded;
    }

    /** @throws InvalidApprovalRequestException when the request does not name a call or gives no reason */
    @Transactional
    public Approval record(NewApproval asked) {
        validator.validate(asked);
        if (asked.justification() == null || asked.justification().isBlank()) {
            throw new InvalidApprovalRequestException("justification (the caller's break-glass reason) is required");
        }
        NewApproval request = defaultGroup.applyTo(asked);
        Instant now = clock.now();
        ApprovalEntity entity = ApprovalEntity.breakGlass(UUID.randomUUID().toString(), request, now,
                ttlPolicy.expiresAt(request.expiresAt(), now));
        repository.persist(entity);
        Approval approval = entity.toApproval();
        history.record(approval, ApprovalEventType.BREAK_GLASS, request.identity(), request.justification(), now);
        LOG.warnf("break-glass %s: identity %s passed %s %s on resource %s without approval (request %s); review required",
                approval.id(), request.identity(), request.method(), request.path(), request.resource(), request.requestId());
        recorded.fire(new BreakGlassRecorded(approval));
        return approval;
    }
}
