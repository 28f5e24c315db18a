package io.gatehouse.controlplane.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.model.LifecycleNotificationEntity;
import jakarta.enterprise.context.ApplicationScoped;

import java.net.URI;
import java.time.Instant;
import java.util.Optional;

/**
 * The durable outbox of lifecycle notifications: a notice is written in the transaction of its action, so it
 * exists exactly when the action does, and {@link NotificationSender} delivers it later. Nothing is queued for an
 * audience without a webhook.
 */
@ApplicationScoped
public class OwnerNotifications {

    private final ControlPlaneConfig.Lifecycle.Notify config;
    private final ObjectMapper json;

    public OwnerNotifications(ControlPlaneConfig config, ObjectMapper json) {
        this.config = config.lifecycle().notification();
        this.json = json;
    }

    public void enqueue(NotificationAudience audience, LifecycleNotice notice, Instant now) {
        if (webhookOf(audience).isEmpty()) {
            return;
        }
        LifecycleNotificationEntity notification = new LifecycleNotificationEntity();
        notification.actionId = notice.actionId();
        notification.event = notice.action();
        notification.audience = audience;
        notification.identity = notice.identity();
        notification.payload = serialize(notice);
        notification.createdAt = now;
        notification.nextAttemptAt = now;
        notification.persist();
    }

    /** Where notices for {@code audience} go: admins' notices fall back to the owners' webhook. */
    public Optional<URI> webhookOf(NotificationAudience audience) {
        return audience == NotificationAudience.ADMINS ? config.adminWebhookUrl().or(config::webhookUrl)
                : config.webhookUrl();
    }

    private String serialize(LifecycleNotice notice) {
        try {
            return json.writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a lifecycle notice could not be written as JSON", e);
        }
    }
}
