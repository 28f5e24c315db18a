package io.gatehouse.approval.webhook;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.approval.chat.ChatHttpClient;
import io.gatehouse.approval.chat.HmacRequestSignature;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.service.ApprovalChanged;
import io.gatehouse.approval.service.ApprovalClock;
import io.gatehouse.approval.service.ApprovalOpened;
import io.gatehouse.approval.service.BreakGlassRecorded;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.Map;

/**
 * Sends a signed JSON notification to the generic webhook for every new approval, every outcome and every
 * break-glass call, after the change committed. The body names the event and summarises the call like the
 * Slack message (no query string, no digest); best-effort.
 */
@ApplicationScoped
public class WebhookNotifier {

    private static final Logger LOG = Logger.getLogger(WebhookNotifier.class);

    private final WebhookConfig config;
    private final ChatHttpClient client;
    private final ApprovalClock clock;
    private final ObjectMapper json;

    public WebhookNotifier(WebhookConfig config, ChatHttpClient client, ApprovalClock clock, ObjectMapper json) {
        this.config = config;
        this.client = client;
        this.clock = clock;
        this.json = json;
    }

    void onOpened(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalOpened opened) {
        send("approval.requested", opened.approval());
    }

    void onBreakGlass(@Observes(during = TransactionPhase.AFTER_SUCCESS) BreakGlassRecorded recorded) {
        send("approval.break_glass", recorded.approval());
    }

    void onChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalChanged change) {
        Approval approval = change.approval();
        if (approval.state() == ApprovalState.PENDING) {
            return;
        }
        send(approval.state() == ApprovalState.BREAK_GLASS ? "approval.reviewed"
                : "approval." + approval.state().name().toLowerCase(Locale.ROOT), approval);
    }

    private void send(String event, Approval approval) {
        if (config.url().isEmpty() || config.secret().isEmpty()) {
            return;
        }
        try {
            String body = body(event, approval);
            String timestamp = Long.toString(clock.now().getEpochSecond());
            String signature = HmacRequestSignature.sign(config.secret().get(), timestamp, body.getBytes(StandardCharsets.UTF_8));
            client.post(config.url().get(), body, Map.of(WebhookHeaders.TIMESTAMP, timestamp, WebhookHeaders.SIGNATURE, signature),
                    config.timeout(), "the " + event + " notification of approval " + approval.id() + " to the webhook");
        } catch (RuntimeException e) {
            LOG.warnf("could not notify the webhook of approval %s: %s", approval.id(), e.getClass().getSimpleName());
        }
    }

    String body(String event, Approval approval) {
        ObjectNode message = json.createObjectNode();
        message.put("event", event);
        ObjectNode summary = message.putObject("approval");
        summary.put("id", approval.id());
        summary.put("state", approval.state().name());
        summary.put("identity", approval.identity());
        summary.put("resource", approval.resource());
        summary.put("method", approval.method());
        summary.put("path", withoutQuery(approval.path()));
        summary.put("justification", approval.justification());
        summary.put("approverGroup", approval.approverGroup());
        summary.put("quorum", approval.quorum());
        summary.put("expiresAt", DateTimeFormatter.ISO_INSTANT.format(approval.expiresAt()));
        summary.put("decidedBy", approval.decidedBy());
        summary.put("reason", approval.reason());
        if (approval.review() != null) {
            summary.put("reviewState", approval.review().state().name());
        }
        return message.toString();
    }

    private static String withoutQuery(String path) {
        if (path == null) {
            return null;
        }
        int query = path.indexOf('?');
        return query < 0 ? path : path.substring(0, query);
    }
}
