package io.gatehouse.controlplane.domain;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HexFormat;

/**
 * A signed statement that retention dropped the events {@code firstSeq} to {@code lastSeq} of a source's audit chain
 * (a run of consecutive events, all in the dropped partition {@code partition}), the last of which had {@code lastHash}.
 * The next retained event of the chain links to that hash. The signature (ES256, raw r||s) covers
 * {@link #signedBytes()}.
 */
public record AuditRetentionCut(String partition, String source, long firstSeq, long lastSeq, byte[] lastHash,
                                Instant createdAt, String kid, byte[] signature) {

    public long events() {
        return lastSeq - firstSeq + 1;
    }

    /** The same cut with its signature. */
    public AuditRetentionCut signed(String signingKid, byte[] signatureBytes) {
        return new AuditRetentionCut(partition, source, firstSeq, lastSeq, lastHash, createdAt, signingKid, signatureBytes);
    }

    /** {@code gatehouse-audit-retention-cut/v1|partition|source|first|last|hex hash|epoch micros}. */
    public byte[] signedBytes() {
        Instant at = AuditChainHash.storedPrecision(createdAt);
        long micros = at.getEpochSecond() * 1_000_000L + at.getNano() / 1_000;
        return ("gatehouse-audit-retention-cut/v1|" + partition + "|" + source + "|" + firstSeq + "|" + lastSeq + "|"
                + HexFormat.of().formatHex(lastHash) + "|" + micros).getBytes(StandardCharsets.UTF_8);
    }
}
