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

/** Opens an approval for a call, or returns the one already open for the same identity and request digest. */
@ApplicationScoped
public class ApprovalRequests {

    private static final Logger LOG = Logger.getLogger(ApprovalRequests.class);

    private final ApprovalRepository repository;
    private final NewApprovalValidator validator;
    private final ApprovalTtlPolicy ttlPolicy;
    private final ApprovalHistory history;
    private final ApprovalClock clock;
    private final Event<ApprovalOpened> opened;
    private final DefaultApproverGroup defaultGroup;

    public ApprovalRequests(ApprovalRepository repository, NewApprovalValidator validator,
            ApprovalTtlPolicy ttlPolicy, ApprovalHistory history, ApprovalClock clock, Event<ApprovalOpened> opened,
            DefaultApproverGroup defaultGroup) {
        this.repository = repository;
        this.validator = validator;
        this.ttlPolicy = ttlPolicy;
        this.history = history;
        this.clock = clock;
        this.opened = opened;
        this.defaultGroup = defaultGroup;
    }

    /** @throws InvalidApprovalRequestException when the request does not name a call */
    @Transactional
    public Approval request(NewApproval request) {
        validator.validate(request);
        Instant now = clock.now();
        return repository.findOpen(request.identity(), request.requestDigest(), now)
                .map(ApprovalEntity::toApproval)
                .orElseGet(() -> open(request, now));
    }

    private Approval open(NewApproval asked, Instant now) {
        NewApproval request = defaultGroup.applyTo(asked);
        Instant expiresAt = ttlPolicy.expiresAt(request.expiresAt(), now);
        ApprovalEntity entity = ApprovalEntity.pending(UUID.randomUUID().toString(), request,
                validator.effectiveQuorum(request), now, expiresAt);
        repository.persist(entity);
        LOG.infof("approval %s opened: identity %s, resource %s, %s %s, expires %s, request %s",
                entity.getId(), request.identity(), request.resource(), request.method(), request.path(),
                expiresAt, request.requestId());
        Approval approval = entity.toApproval();
        history.record(approval, ApprovalEventType.REQUESTED, request.identity(), request.justification(), now);
        opened.fire(new ApprovalOpened(approval));
        return approval;
    }
}
