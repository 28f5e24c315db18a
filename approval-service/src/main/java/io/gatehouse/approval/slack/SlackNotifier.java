package io.gatehouse.approval.slack;

import io.gatehouse.approval.service.ApprovalOpened;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

/** Announces each new approval on the configured incoming webhook, after its transaction committed. */
@ApplicationScoped
public class SlackNotifier {

    private static final Logger LOG = Logger.getLogger(SlackNotifier.class);

    private final SlackConfig config;
    private final SlackMessages messages;
    private final SlackClient client;

    public SlackNotifier(SlackConfig config, SlackMessages messages, SlackClient client) {
        this.config = config;
        this.messages = messages;
        this.client = client;
    }

    void onOpened(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalOpened opened) {
        if (config.webhookUrl().isEmpty()) {
            return;
        }
        try {
            client.post(config.webhookUrl().get(), messages.newApproval(opened.approval()),
                    "the notification of approval " + opened.approval().id());
        } catch (RuntimeException e) {
            // a notification is best-effort: the approval stands and can be decided over REST or gRPC
            LOG.warnf("could not notify Slack of approval %s: %s", opened.approval().id(), e.getClass().getSimpleName());
        }
    }
}
