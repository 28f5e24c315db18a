package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.model.LifecycleNotificationEntity;

import java.time.Instant;

/** A notification not yet delivered: {@code failed} once an attempt failed ({@code lastError} says why). */
public record LifecycleNotificationView(long id, Long actionId, String event, String audience, String identity,
                                        String state, Instant createdAt, int attempts, Instant nextAttemptAt,
                                        String lastError) {

    static LifecycleNotificationView from(LifecycleNotificationEntity notification) {
        return new LifecycleNotificationView(notification.id, notification.actionId, notification.event,
                notification.audience.name().toLowerCase(java.util.Locale.ROOT), notification.identity,
                notification.attempts == 0 ? "pending" : "failed", notification.createdAt, notification.attempts,
                notification.nextAttemptAt, notification.lastError);
    }
}
