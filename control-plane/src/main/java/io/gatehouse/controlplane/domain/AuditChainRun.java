package io.gatehouse.controlplane.domain;

/** Consecutive events {@code firstSeq} to {@code lastSeq} of one source's chain, the last with {@code lastHash}. */
public record AuditChainRun(String source, long firstSeq, long lastSeq, byte[] lastHash) {
}
