package io.gatehouse.approval.repository;

import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.model.Review;
import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Durable approval state. Every state change is a single conditional UPDATE, so that concurrent
 * replicas cannot both decide, consume or expire the same approval: the row count tells who won.
 * Callers must run inside a transaction.
 */
@ApplicationScoped
public class ApprovalRepository implements PanacheRepositoryBase<ApprovalEntity, String> {

    private static final List<ApprovalState> OPEN_STATES = List.of(ApprovalState.PENDING, ApprovalState.APPROVED);

    /** The newest approval for the same call that can still be decided or used, if any. */
    public Optional<ApprovalEntity> findOpen(String identity, String requestDigest, Instant now) {
        return find("identity = ?1 and requestDigest = ?2 and state in ?3 and expiresAt > ?4",
                Sort.descending("createdAt"), identity, requestDigest, OPEN_STATES, now)
                .firstResultOptional();
    }

    /** The approval, its row locked until the end of the transaction, so that decisions on it are serialized. */
    public Optional<ApprovalEntity> findForUpdate(String id) {
        return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
    }

    /** Break-glass calls whose review is open, oldest first, at most {@code limit}. */
    public List<ApprovalEntity> listOpenReviews(int limit) {
        return find("reviewState = ?1", Sort.ascending("createdAt"), Review.State.OPEN).page(Page.ofSize(limit)).list();
    }

    /** Pending approvals of one approver group, oldest first, at most {@code limit}. */
    public List<ApprovalEntity> listPendingOfGroup(String approverGroup, Instant now, int limit) {
        return find("state = ?1 and approverGroup = ?2 and expiresAt > ?3", Sort.ascending("createdAt"),
                ApprovalState.PENDING, approverGroup, now).page(Page.ofSize(limit)).list();
    }

    /** Approvals in {@code state}, oldest first, at most {@code limit}. */
    public List<ApprovalEntity> listByState(ApprovalState state, int limit) {
        return find("state", Sort.ascending("createdAt"), state).page(Page.ofSize(limit)).list();
    }

    /** All approvals, newest first, at most {@code limit}. */
    public List<ApprovalEntity> listNewest(int limit) {
        return findAll(Sort.descending("createdAt")).page(Page.ofSize(limit)).list();
    }

    /** Records a decision if the approval is still pending and not expired; returns the number of rows changed. */
    public int decide(String id, ApprovalState decidedState, String decidedBy, String reason, Instant now) {
        return update("state = ?1, decidedBy = ?2, reason = ?3, decidedAt = ?4"
                        + " where id = ?5 and state = ?6 and expiresAt > ?4",
                decidedState, decidedBy, reason, now, id, ApprovalState.PENDING);
    }

    /** Marks an approved, unexpired approval for exactly this call as used; returns the number of rows changed. */
    public int consume(String id, String identity, String requestDigest, Instant now) {
        return update("state = ?1, consumedAt = ?2"
                        + " where id = ?3 and state = ?4 and identity = ?5 and requestDigest = ?6 and expiresAt > ?2",
                ApprovalState.CONSUMED, now, id, ApprovalState.APPROVED, identity, requestDigest);
    }

    /** Cancels a pending approval of {@code identity}; returns the number of rows changed. */
    public int cancel(String id, String identity, String reason, Instant now) {
        return update("state = ?1, reason = ?2, decidedAt = ?3 where id = ?4 and state = ?5 and identity = ?6",
                ApprovalState.CANCELLED, reason, now, id, ApprovalState.PENDING, identity);
    }

    /** Marks one pending approval past its expiry as EXPIRED; returns the number of rows changed. */
    public int expireIfDue(String id, Instant now) {
        return update("state = ?1 where id = ?2 and state = ?3 and expiresAt <= ?4",
                ApprovalState.EXPIRED, id, ApprovalState.PENDING, now);
    }

    /** Ids of the pending approvals whose window has passed at {@code now}. */
    public List<String> findPendingIdsDueAt(Instant now) {
        return getEntityManager()
                .createQuery("select a.id from ApprovalEntity a where a.state = :state and a.expiresAt <= :now",
                        String.class)
                .setParameter("state", ApprovalState.PENDING)
                .setParameter("now", now)
                .getResultList();
    }
}
