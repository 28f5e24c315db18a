package io.gatehouse.controlplane.lifecycle;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.model.LifecycleNotificationEntity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Delivers the outbox of lifecycle notifications to the webhooks, one notification per transaction with its row
 * locked (replicas skip it, so each is sent once). A failed delivery is retried with exponential backoff and stays
 * visible (attempts, last error, the undelivered gauge) until it succeeds. Errors never carry the webhook URL, which
 * may hold a token (Slack incoming webhooks do).
 */
@ApplicationScoped
public class NotificationSender {

    static final String SIGNATURE_HEADER = "X-Gatehouse-Signature";
    private static final Logger LOG = Logger.getLogger(NotificationSender.class);
    /** A bound per pass, so one pass cannot run forever while notifications keep coming. */
    private static final int MAX_PER_PASS = 100;

    private final OwnerNotifications outbox;
    private final WebhookBodies bodies;
    private final ControlPlaneConfig.Lifecycle.Notify config;
    private final HttpClient http;
    private final Counter failures;
    private final AtomicLong undelivered = new AtomicLong();

    public NotificationSender(OwnerNotifications outbox, WebhookBodies bodies, ControlPlaneConfig config,
                              MeterRegistry meters) {
        this.outbox = outbox;
        this.bodies = bodies;
        this.config = config.lifecycle().notification();
        this.http = HttpClient.newBuilder().connectTimeout(this.config.timeout()).build();
        this.failures = Counter.builder("gatehouse.lifecycle.notification.failures")
                .description("Lifecycle notification deliveries that failed (each is retried)").register(meters);
        Gauge.builder("gatehouse.lifecycle.notifications.undelivered", undelivered, AtomicLong::get)
                .description("Lifecycle notifications not yet delivered, as of the sender's last pass").register(meters);
    }

    /** Sends every notification due at {@code now}; returns how many were delivered. */
    public int deliverDue(Instant now) {
        int delivered = 0;
        for (int attempt = 0; attempt < MAX_PER_PASS; attempt++) {
            Optional<Boolean> outcome = QuarkusTransaction.requiringNew().call(() -> deliverNext(now));
            if (outcome.isEmpty()) {
                break;
            }
            delivered += outcome.get() ? 1 : 0;
        }
        undelivered.set(QuarkusTransaction.requiringNew().call(() -> LifecycleNotificationEntity.count("deliveredAt is null")));
        return delivered;
    }

    /** Delivers the oldest due notification; empty when none is due. */
    private Optional<Boolean> deliverNext(Instant now) {
        @SuppressWarnings("unchecked")
        Optional<LifecycleNotificationEntity> due = LifecycleNotificationEntity.getEntityManager()
                .createNativeQuery("SELECT * FROM lifecycle_notification WHERE delivered_at IS NULL AND next_attempt_at <= ?1"
                        + " ORDER BY next_attempt_at, id LIMIT 1 FOR UPDATE SKIP LOCKED", LifecycleNotificationEntity.class)
                .setParameter(1, now)
                .getResultStream().findFirst();
        if (due.isEmpty()) {
            return Optional.empty();
        }
        LifecycleNotificationEntity notification = due.get();
        notification.attempts++;
        Optional<String> failure = send(notification);
        if (failure.isEmpty()) {
            notification.deliveredAt = now;
            notification.lastError = null;
            return Optional.of(true);
        }
        failures.increment();
        notification.lastError = failure.get();
        notification.nextAttemptAt = now.plus(backoff(notification.attempts));
        LOG.warnf("Lifecycle notification %d (%s of %s) not delivered, attempt %d: %s; retrying at %s", notification.id,
                notification.event, notification.identity, notification.attempts, failure.get(), notification.nextAttemptAt);
        return Optional.of(false);
    }

    private Optional<String> send(LifecycleNotificationEntity notification) {
        Optional<URI> webhook = outbox.webhookOf(notification.audience);
        if (webhook.isEmpty()) {
            return Optional.of("no webhook is configured for " + notification.audience.name().toLowerCase()
                    + " notifications (gatehouse.control-plane.lifecycle.notify.webhook-url)");
        }
        byte[] body = bodies.render(notification.payload, config.format());
        HttpRequest.Builder request = HttpRequest.newBuilder(webhook.get()).timeout(config.timeout())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        config.webhookSecret().ifPresent(secret -> request.header(SIGNATURE_HEADER, WebhookSignature.of(secret, body)));
        try {
            HttpResponse<Void> response = http.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() / 100 == 2 ? Optional.empty()
                    : Optional.of("the webhook answered HTTP " + response.statusCode());
        } catch (IOException e) {
            return Optional.of("the webhook could not be reached (" + e.getClass().getSimpleName() + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.of("interrupted while sending");
        }
    }

    private Duration backoff(int attempts) {
        Duration wait = config.retryInitial().multipliedBy(1L << Math.min(attempts - 1, 20));
        return wait.compareTo(config.retryMax()) > 0 ? config.retryMax() : wait;
    }
}
