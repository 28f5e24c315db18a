package io.gatehouse.approval.slack;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.service.ApprovalChanged;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * Once an approval is decided, expires or is cancelled (wherever that happened: Slack, REST, gRPC, the
 * expiry sweep), replaces the bot's message about it with the outcome and without buttons
 * ({@code chat.update}). Best-effort, after the change committed.
 */
@ApplicationScoped
public class SlackMessageUpdater {

    private static final Logger LOG = Logger.getLogger(SlackMessageUpdater.class);

    private final SlackConfig config;
    private final SlackMessages messages;
    private final SlackWebApi webApi;
    private final SlackMessageRepository posted;

    public SlackMessageUpdater(SlackConfig config, SlackMessages messages, SlackWebApi webApi,
            SlackMessageRepository posted) {
        this.config = config;
        this.messages = messages;
        this.webApi = webApi;
        this.posted = posted;
    }

    void onChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalChanged change) {
        Approval approval = change.approval();
        if (config.botToken().isEmpty() || approval.state() == ApprovalState.PENDING
                || approval.state() == ApprovalState.BREAK_GLASS) {
            return;
        }
        // off the committing thread: the lookup needs its own transaction
        CompletableFuture.runAsync(() -> update(approval));
    }

    private void update(Approval approval) {
        try {
            Optional<SlackMessageEntity> message = QuarkusTransaction.requiringNew()
                    .call(() -> posted.findByIdOptional(approval.id()));
            message.ifPresent(where -> webApi.update(config.botToken().get(),
                    messages.chatUpdate(where.channel(), where.ts(), approval), "the update of approval " + approval.id()));
        } catch (RuntimeException e) {
            LOG.warnf("could not update the Slack message of approval %s: %s", approval.id(), e.getClass().getSimpleName());
        }
    }
}
