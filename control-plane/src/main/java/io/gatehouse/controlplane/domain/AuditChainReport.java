package io.gatehouse.controlplane.domain;

import java.util.List;

/**
 * What verifying the audit chains found: per source, how many chained events and checkpoints were checked and
 * every gap, edit or deletion noticed. {@code intact} only when no source has a problem.
 */
public record AuditChainReport(boolean intact, List<Source> sources) {

    public record Source(String source, long events, long lastSeq, int checkpoints, List<String> problems) {

        public boolean intact() {
            return problems.isEmpty();
        }
    }
}
