package io.gatehouse.approval.slack;

import io.gatehouse.approval.chat.ChatHttpClient;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.service.ApprovalOpened;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.util.Map;

/**
 * Announces each new approval on Slack, after its transaction committed: with the bot token
 * ({@code chat.postMessage}, the message's place is kept so it can be updated later) or through the
 * incoming webhook. Best-effort: a failure never affects the approval, which can be decided over REST or gRPC.
 */
@ApplicationScoped
public class SlackNotifier {

    private static final Logger LOG = Logger.getLogger(SlackNotifier.class);

    private final SlackConfig config;
    private final SlackMessages messages;
    private final ChatHttpClient client;
    private final SlackWebApi webApi;
    private final SlackMessageRepository posted;
    private final SlackMessageUpdater updater;

    public SlackNotifier(SlackConfig config, SlackMessages messages, ChatHttpClient client, SlackWebApi webApi,
            SlackMessageRepository posted, SlackMessageUpdater updater) {
        this.config = config;
        this.messages = messages;
        this.client = client;
        this.webApi = webApi;
        this.posted = posted;
        this.updater = updater;
    }

    void onOpened(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalOpened opened) {
        Approval approval = opened.approval();
        String what = "the notification of approval " + approval.id();
        try {
            if (config.botToken().isPresent() && config.channel().isPresent()) {
                webApi.postMessage(config.botToken().get(), messages.newApprovalIn(config.channel().get(), approval), what)
                        .thenAccept(message -> message.ifPresent(where -> remember(approval.id(), where)));
            } else if (config.webhookUrl().isPresent()) {
                client.post(config.webhookUrl().get(), messages.newApproval(approval), Map.of(), config.timeout(),
                        what + " to Slack");
            }
        } catch (RuntimeException e) {
            LOG.warnf("could not notify Slack of approval %s: %s", approval.id(), e.getClass().getSimpleName());
        }
    }

    private void remember(String approvalId, SlackWebApi.PostedMessage where) {
        try {
            QuarkusTransaction.requiringNew().run(() ->
                    posted.persist(SlackMessageEntity.of(approvalId, where.channel(), where.ts())));
        } catch (RuntimeException e) {
            LOG.warnf("could not keep where the Slack message of approval %s is; it will not be updated: %s",
                    approvalId, e.getClass().getSimpleName());
            return;
        }
        updater.messageKept(approvalId);
    }
}
