package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.PolicyDiff;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.List;

/** Replaces the policy model and, once committed, pushes the resulting snapshot to the data planes. */
@ApplicationScoped
public class PolicyUpdateService {

    private static final Logger LOG = Logger.getLogger(PolicyUpdateService.class);

    private final PolicyModelReader reader;
    private final PolicyModelWriter writer;
    private final SnapshotPublisher publisher;

    public PolicyUpdateService(PolicyModelReader reader, PolicyModelWriter writer, SnapshotPublisher publisher) {
        this.reader = reader;
        this.writer = writer;
        this.publisher = publisher;
    }

    /** Makes the stored model exactly {@code model} (declarative apply) and publishes it. */
    public PolicySnapshot apply(PolicyModel model, String source) {
        PolicyDiff diff = PolicyDiff.between(reader.read(), model);
        writer.replaceWith(model);
        PolicySnapshot snapshot = publisher.refresh();
        List<String> removed = diff.changes().stream().filter(change -> change.action() == PolicyDiff.Action.REMOVED)
                .map(change -> change.kind() + " " + change.key()).toList();
        if (!removed.isEmpty()) {
            LOG.warnf("Declarative config %s removed %d object(s) that were not in the file: %s", source, removed.size(),
                    String.join(", ", removed));
        }
        LOG.infof("Applied declarative config %s: %d identities, %d resources, %d grants (version %s; %d added, %d changed,"
                        + " %d removed)", source, model.identities().size(), model.resources().size(), model.grants().size(),
                snapshot.version(), diff.count(PolicyDiff.Action.ADDED), diff.count(PolicyDiff.Action.CHANGED),
                diff.count(PolicyDiff.Action.REMOVED));
        return snapshot;
    }

    /** Publishes the stored model as it is. */
    public PolicySnapshot publishCurrent() {
        return publisher.refresh();
    }
}
