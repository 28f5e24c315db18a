package io.gatehouse.dataplane.snapshot;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The policy in force on this replica and how fresh it is. Freshness is measured from the last
 * moment the control plane was known to be reachable; past the configured maximum staleness the
 * proxy refuses calls instead of enforcing a picture that may be outdated.
 */
@ApplicationScoped
public class PolicyHolder {

    private final AtomicReference<PolicySnapshot> current = new AtomicReference<>();
    private final Duration maxStaleness;
    private final Clock clock;
    private volatile boolean connected;
    private volatile Instant lastContact = Instant.EPOCH;

    @Inject
    public PolicyHolder(DataPlaneConfig config) {
        this(config.dataPlane().maxStaleness(), Clock.systemUTC());
    }

    PolicyHolder(Duration maxStaleness, Clock clock) {
        this.maxStaleness = maxStaleness;
        this.clock = clock;
    }

    public void install(PolicySnapshot snapshot, Instant contact) {
        current.set(snapshot);
        lastContact = contact;
    }

    public void connectionUp() {
        connected = true;
        lastContact = clock.instant();
    }

    public void connectionDown() {
        if (connected) {
            lastContact = clock.instant();
        }
        connected = false;
    }

    public boolean isConnected() {
        return connected;
    }

    /** The policy to enforce now, or null when there is none or it is too stale to enforce. */
    public PolicySnapshot enforceable() {
        PolicySnapshot snapshot = current.get();
        if (snapshot == null || (!connected && Duration.between(lastContact, clock.instant()).compareTo(maxStaleness) > 0)) {
            return null;
        }
        return snapshot;
    }

    public PolicySnapshot current() {
        return current.get();
    }

    public Instant lastContact() {
        return connected ? clock.instant() : lastContact;
    }
}
