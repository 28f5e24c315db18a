package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.model.LifecycleActionEntity;

import java.time.Instant;

/** One automatic action as the admin API shows it; the undo fields are null while it stands. */
public record LifecycleActionView(long id, String identity, String action, String clientSecret, String reason,
                                  String previousState, Instant takenAt, boolean undoable, Instant undoneAt,
                                  String undoneBy, String undoReason) {

    static LifecycleActionView from(LifecycleActionEntity action) {
        return new LifecycleActionView(action.id, action.identity, action.action.apiName(), action.clientSecret,
                action.reason, action.previousState, action.takenAt, action.action.undoable() && action.undoneAt == null,
                action.undoneAt, action.undoneBy, action.undoReason);
    }
}
