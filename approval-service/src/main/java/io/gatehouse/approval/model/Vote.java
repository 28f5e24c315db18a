package io.gatehouse.approval.model;

import java.time.Instant;

/** One approver's decision on an approval. */
public record Vote(String approver, Decision decision, String reason, Instant at) {
}
