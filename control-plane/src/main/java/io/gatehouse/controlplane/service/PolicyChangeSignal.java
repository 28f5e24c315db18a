package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.model.IdentityEntity;

/**
 * The PostgreSQL notification channel that tells every control-plane replica the policy changed.
 * A notification sent inside a transaction is delivered when it commits, and never if it rolls
 * back, so replicas rebuild exactly when there is something new to read.
 */
public final class PolicyChangeSignal {

    public static final String CHANNEL = "gatehouse_policy_changed";

    private PolicyChangeSignal() {
    }

    /** Announces a change made in the current transaction. */
    public static void announceInCurrentTransaction() {
        IdentityEntity.getEntityManager().createNativeQuery("SELECT pg_notify('" + CHANNEL + "', '')").getSingleResult();
    }
}
