package io.gatehouse.controlplane.domain;

import java.time.Instant;

/**
 * What the control plane knows about one data-plane replica's config stream. Fields are
 * {@code null} until the corresponding event happened.
 */
public record DataPlaneNode(
        String nodeId,
        boolean connected,
        Instant connectedSince,
        Instant disconnectedAt,
        String lastSentVersion,
        Instant lastSentAt,
        String lastAckedVersion,
        Instant lastAckedAt,
        String lastNackedVersion,
        String lastNackError,
        Instant lastNackAt) {
}
