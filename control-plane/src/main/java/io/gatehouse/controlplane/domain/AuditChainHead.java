package io.gatehouse.controlplane.domain;

/** Where one source's audit chain ends: its last sequence number and hash. */
public record AuditChainHead(String source, long seq, byte[] hash) {
}
