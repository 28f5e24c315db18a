package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.NewApproval;
import io.gatehouse.approval.repository.ApprovalRepository;
import jakarta.enterprise.context.ApplicationScoped;
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
    private final ApprovalClock clock;

    public ApprovalRequests(ApprovalRepository repository, NewApprovalValidator validator,
            ApprovalTtlPolicy ttlPolicy, ApprovalClock clock) {
        this.repository = repository;
        this.validator = validator;
        this.ttlPolicy = ttlPolicy;
        this.clock = clock;
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

    private Approval open(NewApproval request, Instant now) {
        Instant expiresAt = ttlPolicy.expiresAt(request.expiresAt(), now);
        ApprovalEntity entity = ApprovalEntity.pending(UUID.randomUUID().toString(), request,
                validator.effectiveQuorum(request), now, expiresAt);
        repository.persist(entity);
        LOG.infof("approval %s opened: identity %s, resource %s, %s %s, expires %s, request %s",
                entity.getId(), request.identity(), request.resource(), request.method(), request.path(),
                expiresAt, request.requestId());
        return entity.toApproval();
    }
}
