package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.enterprise.event.TransactionPhase;
import org.jboss.logging.Logger;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.Consumer;

/**
 * In-process broadcast of approval changes to the watchers of this instance. A change is passed on
 * only after its transaction has committed, so a watcher never sees a decision that was rolled back.
 */
@ApplicationScoped
public class ApprovalChangeNotifier {

    private static final Logger LOG = Logger.getLogger(ApprovalChangeNotifier.class);

    private final ConcurrentMap<String, Set<Consumer<Approval>>> listenersByApprovalId = new ConcurrentHashMap<>();

    /**
     * Calls {@code listener} with every committed change of one approval.
     *
     * @return stops the listening
     */
    public Runnable listen(String approvalId, Consumer<Approval> listener) {
        listenersByApprovalId.compute(approvalId, (id, listeners) -> {
            Set<Consumer<Approval>> set = listeners != null ? listeners : ConcurrentHashMap.newKeySet();
            set.add(listener);
            return set;
        });
        return () -> listenersByApprovalId.computeIfPresent(approvalId, (id, listeners) -> {
            listeners.remove(listener);
            return listeners.isEmpty() ? null : listeners;
        });
    }

    void onCommitted(@Observes(during = TransactionPhase.AFTER_SUCCESS) ApprovalChanged change) {
        Approval approval = change.approval();
        Set<Consumer<Approval>> listeners = listenersByApprovalId.get(approval.id());
        if (listeners == null) {
            return;
        }
        for (Consumer<Approval> listener : listeners) {
            try {
                listener.accept(approval);
            } catch (RuntimeException e) {
                LOG.warnf(e, "a watcher of approval %s failed to take a change", approval.id());
            }
        }
    }
}
