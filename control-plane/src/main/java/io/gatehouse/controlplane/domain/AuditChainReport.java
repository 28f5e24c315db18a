package io.gatehouse.controlplane.domain;

import java.util.List;

/**
 * What verifying the audit chains found: per source, how many chained events and checkpoints were checked and
 * every gap, edit or deletion noticed, and how many events retention dropped (in how many signed cuts); the
 * verification of a chain starts at its earliest retained event, anchored at the cut before it. {@code intact} only
 * when no source has a problem.
 */
public record AuditChainReport(boolean intact, List<Source> sources) {

    public record Source(String source, long events, long lastSeq, int checkpoints, List<String> problems,
                         int retentionCuts, long droppedByRetention) {

        public boolean intact() {
            return problems.isEmpty();
        }
    }
}
