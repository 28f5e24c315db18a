package io.gatehouse.controlplane.domain.review;

import java.time.Instant;
import java.util.List;

/**
 * The auditors' record of a closed campaign: who reviewed what, what was decided and applied, with links to the
 * usage and audit evidence of each identity. Signed by the control plane when the campaign closes.
 */
public record ReviewReport(String campaignId, String name, String scope, Instant windowSince, Instant windowUntil,
                           Instant dueAt, String createdBy, Instant createdAt, Instant closedAt, String closedBy,
                           Summary summary, List<Entry> items) {

    public ReviewReport {
        items = List.copyOf(items);
    }

    public record Summary(int identitiesReviewed, int kept, int revoked, int narrowed, int shortened, int undecided,
                          long permissionsRemoved, int ghostAccounts) {
    }

    /**
     * @param unusedOperations "METHOD resource route" of each granted operation not used in the window
     * @param auditEvidence    admin API query of the identity's audit events in the window
     * @param usageEvidence    admin API query of the identity's usage in the window
     */
    public record Entry(String identity, String ownerTeam, String ownerContact, String purpose, Instant expiresAt,
                        Instant lastUsedAt, long calls, boolean ghost, List<String> unusedOperations, String decision,
                        String comment, Instant newExpiry, String decidedBy, Instant decidedAt, String applied,
                        long permissionsRemoved, String auditEvidence, String usageEvidence) {

        public Entry {
            unusedOperations = List.copyOf(unusedOperations);
        }
    }
}
