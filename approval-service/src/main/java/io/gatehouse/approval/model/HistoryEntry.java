package io.gatehouse.approval.model;

import java.time.Instant;

/** One entry of an approval's history: what happened, the state after it, who did it, why and when. */
public record HistoryEntry(ApprovalEventType event, ApprovalState state, String actor, String reason, Instant at) {
}
