package io.gatehouse.approval.service;

import io.gatehouse.approval.config.ApprovalConfig;
import io.gatehouse.approval.model.Approval;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Streams the pending approvals of one approver group: the current ones at once, then each one
 * opened later (on any replica), found by re-reading every {@code watch-poll-interval}. Each
 * approval is emitted once; the stream ends only when the subscriber cancels.
 */
@ApplicationScoped
public class PendingApprovalWatcher {

    private static final Logger LOG = Logger.getLogger(PendingApprovalWatcher.class);

    private final ApprovalQueries queries;
    private final ApprovalConfig config;

    public PendingApprovalWatcher(ApprovalQueries queries, ApprovalConfig config) {
        this.queries = queries;
        this.config = config;
    }

    public Multi<Approval> watch(String approverGroup) {
        return Multi.createFrom().<Approval>emitter(emitter -> start(approverGroup, emitter))
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    private void start(String approverGroup, MultiEmitter<? super Approval> emitter) {
        Set<String> emitted = new HashSet<>();
        try {
            emitNew(approverGroup, emitter, emitted);
        } catch (RuntimeException e) {
            emitter.fail(e);
            return;
        }
        Cancellable polling = Multi.createFrom().ticks().every(config.watchPollInterval())
                .onOverflow().drop()
                .emitOn(Infrastructure.getDefaultWorkerPool())
                .subscribe().with(tick -> {
                    try {
                        emitNew(approverGroup, emitter, emitted);
                    } catch (RuntimeException e) {
                        LOG.warnf("could not re-read pending approvals of %s, will retry: %s", approverGroup, e.toString());
                    }
                });
        emitter.onTermination(polling::cancel);
    }

    private void emitNew(String approverGroup, MultiEmitter<? super Approval> emitter, Set<String> emitted) {
        List<Approval> pending = queries.listPending(approverGroup);
        synchronized (emitted) {
            // an approval never becomes pending again: forget the ones that are no longer pending
            emitted.retainAll(pending.stream().map(Approval::id).toList());
            for (Approval approval : pending) {
                if (emitted.add(approval.id())) {
                    emitter.emit(approval);
                }
            }
        }
    }
}
