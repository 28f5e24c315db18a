package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.security.SigningKeys;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Holds the current snapshot and broadcasts every new one to the open config streams. A snapshot
 * is only published when its version (of the content and of the signing key set) differs from the current one.
 */
@ApplicationScoped
public class SnapshotPublisher {

    private static final Logger LOG = Logger.getLogger(SnapshotPublisher.class);

    private final SnapshotBuilder builder;
    private final SnapshotVersioner versioner;
    private final SigningKeys keys;
    private final Clock clock;
    private final BroadcastProcessor<PolicySnapshot> published = BroadcastProcessor.create();

    private volatile PolicySnapshot current;
    private long generation;

    public SnapshotPublisher(SnapshotBuilder builder, SnapshotVersioner versioner, SigningKeys keys, Clock clock) {
        this.builder = builder;
        this.versioner = versioner;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Rebuilds the snapshot from the database and publishes it if its content changed. Blocking:
     * call it from a worker thread.
     */
    public synchronized PolicySnapshot refresh() {
        Instant now = clock.instant();
        PolicyModel content = builder.buildContent(now);
        // the signing keys travel with the snapshot: a new key set is a new snapshot for the data planes
        String version = versioner.version(content, keys.fingerprint());
        PolicySnapshot previous = current;
        if (previous != null && previous.version().equals(version)) {
            return previous;
        }
        PolicySnapshot snapshot = new PolicySnapshot(version, ++generation, now, content);
        current = snapshot;
        LOG.infof("Config snapshot %s published: %d identities, %d resources, %d grants", version,
                content.identities().size(), content.resources().size(), content.grants().size());
        published.onNext(snapshot);
        return snapshot;
    }

    /** The current snapshot, built first if none was yet. Blocking only the first time. */
    public PolicySnapshot current() {
        PolicySnapshot snapshot = current;
        return snapshot != null ? snapshot : refresh();
    }

    /** The current snapshot if one was built, without touching the database. */
    public Optional<PolicySnapshot> currentIfBuilt() {
        return Optional.ofNullable(current);
    }

    /** Every snapshot published from now on (hot: no replay of the current one). */
    public Multi<PolicySnapshot> publications() {
        return published;
    }
}
