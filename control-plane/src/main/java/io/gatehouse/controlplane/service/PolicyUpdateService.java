package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Replaces the policy model and, once committed, pushes the resulting snapshot to the data planes. */
@ApplicationScoped
public class PolicyUpdateService {

    private static final Logger LOG = Logger.getLogger(PolicyUpdateService.class);

    private final PolicyModelWriter writer;
    private final SnapshotPublisher publisher;

    public PolicyUpdateService(PolicyModelWriter writer, SnapshotPublisher publisher) {
        this.writer = writer;
        this.publisher = publisher;
    }

    /** Makes the stored model exactly {@code model} (declarative apply) and publishes it. */
    public PolicySnapshot apply(PolicyModel model, String source) {
        writer.replaceWith(model);
        PolicySnapshot snapshot = publisher.refresh();
        LOG.infof("Applied declarative config %s: %d identities, %d resources, %d grants (version %s)", source,
                model.identities().size(), model.resources().size(), model.grants().size(), snapshot.version());
        return snapshot;
    }

    /** Publishes the stored model as it is. */
    public PolicySnapshot publishCurrent() {
        return publisher.refresh();
    }
}
