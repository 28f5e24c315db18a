package io.gatehouse.controlplane.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A signed statement that a source's audit chain reached {@code seq} with {@code hash} at {@code createdAt}.
 * The signature (ES256, raw r||s) covers {@link #signedBytes()}.
 */
public record AuditCheckpoint(String source, long seq, byte[] hash, Instant createdAt, String kid, byte[] signature) {

    /** {@code gatehouse-audit-checkpoint/v1|source|seq|hex hash|epoch micros}. */
    public byte[] signedBytes() {
        Instant at = AuditChainHash.storedPrecision(createdAt);
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return ("gatehouse-audit-checkpoint/v1|" + source + "|" + seq + "|" + HexFormat.of().formatHex(hash) + "|" + micros)
                .getBytes(StandardCharsets.UTF_8);
    }
}
