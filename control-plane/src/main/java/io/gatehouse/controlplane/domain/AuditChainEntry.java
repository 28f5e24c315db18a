package io.gatehouse.controlplane.domain;

/** A stored audit event with its place in its source's hash chain. */
public record AuditChainEntry(String source, long seq, StoredAuditEvent event) {
}
