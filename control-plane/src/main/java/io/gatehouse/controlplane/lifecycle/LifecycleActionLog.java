package io.gatehouse.controlplane.lifecycle;

import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.model.LifecycleActionEntity;
import io.gatehouse.controlplane.service.PolicyChangeLog;
import io.gatehouse.controlplane.service.PolicyObjectKind;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.Set;

/**
 * Records what the lifecycle did, in the transaction of the change: a row of the action log (what an undo
 * restores) and a policy change in the audit trail, by the actor {@value #ACTOR}.
 */
@ApplicationScoped
public class LifecycleActionLog {

    public static final String ACTOR = "gatehouse-lifecycle";
    public static final AdminCaller LIFECYCLE = new AdminCaller(ACTOR, Set.of(AdminRole.ADMIN), Set.of());

    private final PolicyChangeLog changeLog;

    public LifecycleActionLog(PolicyChangeLog changeLog) {
        this.changeLog = changeLog;
    }

    /** An action on the identity itself. */
    public LifecycleActionEntity record(String identity, LifecycleActionType type, String reason, String previousState,
                                        Instant now) {
        LifecycleActionEntity action = persist(identity, type, null, reason, previousState, now);
        changeLog.record(LIFECYCLE, "identity", type.apiName(), new PolicyObjectKind.AuditSubject(identity, null),
                reason + " (lifecycle action " + action.id + ")");
        return action;
    }

    /** The revocation of one of the identity's client secrets. */
    public LifecycleActionEntity recordSecretRevocation(String identity, String secretId, String reason, Instant now) {
        LifecycleActionEntity action = persist(identity, LifecycleActionType.CLIENT_SECRET_REVOKED, secretId, reason,
                "active", now);
        changeLog.record(LIFECYCLE, "client-secret", "revoked", new PolicyObjectKind.AuditSubject(identity, null),
                "client secret " + secretId + ": " + reason + " (lifecycle action " + action.id + ")");
        return action;
    }

    private static LifecycleActionEntity persist(String identity, LifecycleActionType type, String secretId, String reason,
                                                 String previousState, Instant now) {
        LifecycleActionEntity action = new LifecycleActionEntity();
        action.identity = identity;
        action.action = type;
        action.clientSecret = secretId;
        action.reason = reason;
        action.previousState = previousState;
        action.takenAt = now;
        action.persistAndFlush();
        return action;
    }
}
