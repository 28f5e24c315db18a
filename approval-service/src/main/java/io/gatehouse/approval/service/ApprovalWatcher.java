package io.gatehouse.approval.service;

import io.gatehouse.approval.config.ApprovalConfig;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalState;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.Cancellable;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/**
 * Streams the state of one approval: the current state at once, then each change until a terminal
 * state, then completes. Changes committed on this instance are pushed at once; a periodic re-read
 * sees decisions made on other replicas and expires the approval when its window passes.
 */
@ApplicationScoped
public class ApprovalWatcher {

    private static final Logger LOG = Logger.getLogger(ApprovalWatcher.class);

    private final ApprovalQueries queries;
    private final ApprovalChangeNotifier notifier;
    private final ApprovalConfig config;

    public ApprovalWatcher(ApprovalQueries queries, ApprovalChangeNotifier notifier, ApprovalConfig config) {
        this.queries = queries;
        this.notifier = notifier;
        this.config = config;
    }

    /** Fails with {@link ApprovalNotFoundException} for an unknown id. Database reads run on worker threads. */
    public Multi<Approval> watch(String approvalId) {
        return Multi.createFrom().<Approval>emitter(emitter -> new Watch(approvalId, emitter).start())
                .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
    }

    /** One subscriber's watch. Emits each state once, in order, and releases its listener and timer when done. */
    private final class Watch {

        private final String approvalId;
        private final MultiEmitter<? super Approval> emitter;
        private ApprovalState lastEmitted;
        private boolean stopped;
        private Runnable stopListening = () -> { };
        private Cancellable polling = () -> { };

        Watch(String approvalId, MultiEmitter<? super Approval> emitter) {
            this.approvalId = approvalId;
            this.emitter = emitter;
        }

        void start() {
            emitter.onTermination(this::stop);
            // listen before the first read, so that no change committed in between is missed
            Runnable unlisten = notifier.listen(approvalId, this::offer);
            synchronized (this) {
                stopListening = unlisten;
            }
            Approval current;
            try {
                current = queries.get(approvalId);
            } catch (RuntimeException e) {
                emitter.fail(e);
                return;
            }
            offer(current);
            startPolling();
        }

        private synchronized void startPolling() {
            if (stopped) {
                return;
            }
            polling = Multi.createFrom().ticks().every(config.watchPollInterval())
                    .onOverflow().drop()
                    .emitOn(Infrastructure.getDefaultWorkerPool())
                    .subscribe().with(tick -> poll(),
                            failure -> LOG.warnf(failure, "re-reading approval %s stopped", approvalId));
        }

        private void poll() {
            try {
                offer(queries.get(approvalId));
            } catch (ApprovalNotFoundException e) {
                emitter.fail(e);
            } catch (RuntimeException e) {
                LOG.warnf("could not re-read approval %s, will retry: %s", approvalId, e.toString());
            }
        }

        private synchronized void offer(Approval approval) {
            if (stopped || approval.state() == lastEmitted) {
                return;
            }
            lastEmitted = approval.state();
            emitter.emit(approval);
            if (approval.state().isTerminal()) {
                emitter.complete();
            }
        }

        private synchronized void stop() {
            stopped = true;
            stopListening.run();
            polling.cancel();
        }
    }
}
