package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.model.IdentityEntity;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Serializes policy writes across all control-plane replicas sharing the database: a transaction
 * that reads the model, checks an ETag and writes holds this lock until it ends, so two editors
 * cannot both pass the check and overwrite each other.
 */
@ApplicationScoped
public class PolicyWriteLock {

    /** An arbitrary constant naming the lock; distinct from the other advisory locks of the suite. */
    private static final long POLICY_WRITE_LOCK = 0x6761_7465_706f_6c31L;

    /** Blocks until this transaction holds the lock; it is released at commit or rollback. */
    public void acquire() {
        IdentityEntity.getEntityManager()
                .createNativeQuery("SELECT pg_advisory_xact_lock(" + POLICY_WRITE_LOCK + ")")
                .getSingleResult();
    }
}
