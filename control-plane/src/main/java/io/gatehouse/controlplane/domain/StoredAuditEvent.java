package io.gatehouse.controlplane.domain;

import java.time.Instant;

/** An audit record as held by the store, with its store sequence id and arrival time. */
public record StoredAuditEvent(long id, AuditRecord record, Instant receivedAt) {
}
