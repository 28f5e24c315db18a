package io.gatehouse.vaultbroker.service;

import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.operators.multi.processors.BroadcastProcessor;
import jakarta.enterprise.context.ApplicationScoped;

/** Tells whoever follows rotations which resource's credential just changed. Never carries a secret. */
@ApplicationScoped
public class RotationAnnouncer {

    private final BroadcastProcessor<String> rotations = BroadcastProcessor.create();

    public void announce(String resource) {
        rotations.onNext(resource);
    }

    /** The resources rotated from now on. */
    public Multi<String> rotations() {
        return rotations;
    }
}
