package io.gatehouse.approval.slack;

import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalEntity;
import io.gatehouse.approval.model.ApprovalState;
import io.gatehouse.approval.repository.ApprovalRepository;
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
    private final ApprovalRepository approvals;

    public SlackMessageUpdater(SlackConfig config, SlackMessages messages, SlackWebApi webApi,
            SlackMessageRepository posted, ApprovalRepository approvals) {
        this.config = config;
        this.messages = messages;
        this.webApi = webApi;
        this.posted = posted;
        this.approvals = approvals;
    }

    void onChanged(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalChanged change) {
        Approval approval = change.approval();
        if (config.botToken().isEmpty() || !isSettled(approval)) {
            return;
        }
        // off the committing thread: the lookup needs its own transaction
        CompletableFuture.runAsync(() -> update(approval));
    }

    /**
     * The place of the approval's message was just kept. An approval settled before that (decided while Slack
     * was still answering the post) found no message to update then, so it is updated now.
     */
    void messageKept(String approvalId) {
        try {
            QuarkusTransaction.requiringNew().call(() -> approvals.findByIdOptional(approvalId).map(ApprovalEntity::toApproval))
                    .filter(SlackMessageUpdater::isSettled)
                    .ifPresent(this::update);
        } catch (RuntimeException e) {
            LOG.warnf("could not check whether approval %s was settled meanwhile: %s", approvalId, e.getClass().getSimpleName());
        }
    }

    private static boolean isSettled(Approval approval) {
        return approval.state() != ApprovalState.PENDING && approval.state() != ApprovalState.BREAK_GLASS;
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
