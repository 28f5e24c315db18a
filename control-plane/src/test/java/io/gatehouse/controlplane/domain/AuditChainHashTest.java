package io.gatehouse.controlplane.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * The chain hash of known events, fixed: events stored by earlier versions must verify with every later one, so the
 * canonical bytes may never change, whatever the implementation.
 */
class AuditChainHashTest {

    private static final UUID EVENT_ID = UUID.fromString("0190f5a2-7b3c-7d4e-8f00-112233445566");
    private static final Instant TIME = Instant.parse("2026-11-30T01:02:03.456789999Z");

    static AuditRecord minimalEvent() {
        return new AuditRecord(EVENT_ID, null, TIME, null, null, null, null, null, AuditDecision.DENIED, null, null, 0, 0,
                List.of(), AuditRecord.CALL, null, Map.of(), null);
    }

    static AuditRecord fullEvent() {
        CallRecording recording = new CallRecording("bodies", "page=2&api_key=[redacted]",
                Map.of("user-agent", "deploy-bot/2.4", "content-type", "application/json"), Map.of("x-trace", "abc"),
                new CallRecording.RecordedBody(12, "application/json", "{\"a\":\"Zoë\"}", false, false),
                new CallRecording.RecordedBody(4096, "application/octet-stream", "AAEC", true, true), false);
        return new AuditRecord(EVENT_ID, "req-1", TIME, "dp-1", "deploy-bot", "payments", "POST", "/payments/refunds/7",
                AuditDecision.ALLOWED, "grant 12", "ap-9", 201, 37, List.of("ssn", "email"), AuditRecord.CALL, null,
                Map.of("ssn", 1, "email", 2), recording, "/refunds/*");
    }

    /** Also computed outside Java from the documented layout (length-prefixed UTF-8, big-endian numbers). */
    @Test
    void theHashOfAMinimalEventIsFixed() {
        assertEquals("bbf1f79485748f4c418b638426ae27ea970c033817280f4d815e4048fede0502", hex(AuditChainHash.of(AuditChainHash.GENESIS, "dp-1", 1, minimalEvent())));
    }

    @Test
    void theHashOfAnEventWithEveryFieldIsFixed() {
        byte[] previous = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");
        assertEquals("01681a306b182b57f623883050e9b192cc9c00a4b7ca69c5e0d1df29e5f9c8d3", hex(AuditChainHash.of(previous, "dp-1", 42, fullEvent())));
    }

    @Test
    void theHashCoversThePreviousHashTheSourceAndThePosition() {
        byte[] hash = AuditChainHash.of(AuditChainHash.GENESIS, "dp-1", 1, minimalEvent());
        assertNotEquals(hex(hash), hex(AuditChainHash.of(hash, "dp-1", 1, minimalEvent())));
        assertNotEquals(hex(hash), hex(AuditChainHash.of(AuditChainHash.GENESIS, "dp-2", 1, minimalEvent())));
        assertNotEquals(hex(hash), hex(AuditChainHash.of(AuditChainHash.GENESIS, "dp-1", 2, minimalEvent())));
    }

    private static String hex(byte[] hash) {
        return HexFormat.of().formatHex(hash);
    }
}
