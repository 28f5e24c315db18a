package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AuditChainReport;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.domain.CallRecording;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit hash chains: intact after ordinary and repeated ingestion, and every kind of tampering reported. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class AuditChainTest {

    @Inject
    AuditStore store;

    @Inject
    AuditCheckpointer checkpointer;

    @Inject
    AuditChainVerifier verifier;

    @Inject
    AgroalDataSource dataSource;

    @Test
    @TestSecurity(user = "auditor", roles = "gatehouse-auditors")
    void ingestedEventsFormAnIntactChainEvenWhenABatchIsDeliveredTwice() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        List<AuditRecord> batch = events(source, 5);
        store.store(batch);
        store.store(batch);
        store.store(events(source, 2));
        checkpointer.checkpoint();

        AuditChainReport.Source report = only(source);
        assertEquals(7, report.events());
        assertEquals(7, report.lastSeq());
        assertEquals(1, report.checkpoints());
        assertEquals(List.of(), report.problems());

        given().queryParam("source", source).get("/api/v1/audit/verify").then().statusCode(200)
                .body("intact", equalTo(true)).body("sources[0].events", equalTo(7));
    }

    @Test
    void anEditedRecordedBodyIsReportedWhileIntactRecordingsVerify() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        List<AuditRecord> recorded = events(source, 3).stream().map(AuditChainTest::withRecording).toList();
        store.store(recorded);
        assertEquals(List.of(), only(source).problems());

        tamper("UPDATE audit_event SET recording = jsonb_set(recording, '{responseBody,content}', '\"{\\\"ssn\\\":\\\"123\\\"}\"')"
                + " WHERE chain_source = '" + source + "' AND chain_seq = 2");

        AuditChainReport.Source report = only(source);
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("event 2 ("), report.problems().toString());
    }

    private static AuditRecord withRecording(AuditRecord call) {
        CallRecording recording = new CallRecording("bodies", "q=[redacted]", Map.of("content-type", "application/json"),
                Map.of("content-type", "application/json"), null,
                new CallRecording.RecordedBody(16, "application/json", "{\"ssn\":\"***\"}", false, false), false);
        return new AuditRecord(call.eventId(), call.requestId(), call.time(), call.dataPlaneId(), call.identity(),
                call.resource(), call.method(), call.path(), call.decision(), call.reason(), call.approvalId(), call.status(),
                call.durationMs(), call.maskedFields(), call.kind(), call.actor(), call.maskedValues(), recording);
    }

    @Test
    void theRouteOfACallIsChainedSoEditingItIsReported() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        store.store(events(source, 3).stream().map(AuditChainTest::withRoute).toList());
        assertEquals(List.of(), only(source).problems());

        tamper("UPDATE audit_event SET route = '/**' WHERE chain_source = '" + source + "' AND chain_seq = 2");

        AuditChainReport.Source report = only(source);
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("event 2 ("), report.problems().toString());
    }

    private static AuditRecord withRoute(AuditRecord call) {
        return new AuditRecord(call.eventId(), call.requestId(), call.time(), call.dataPlaneId(), call.identity(),
                call.resource(), call.method(), call.path(), call.decision(), call.reason(), call.approvalId(), call.status(),
                call.durationMs(), call.maskedFields(), call.kind(), call.actor(), call.maskedValues(), call.recording(),
                "/customers/**");
    }

    @Test
    void anEditedEventIsReported() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        store.store(events(source, 4));
        tamper("UPDATE audit_event SET reason = 'nothing to see' WHERE chain_source = '" + source + "' AND chain_seq = 3");

        AuditChainReport.Source report = only(source);
        assertEquals(1, report.problems().size(), report.problems().toString());
        assertTrue(report.problems().get(0).startsWith("event 3 ("), report.problems().toString());
        assertTrue(report.problems().get(0).endsWith("was changed after it was stored"), report.problems().toString());
        assertFalse(verifier.verify(Optional.of(source)).intact());
    }

    @Test
    void aDeletedEventIsReportedAsAGap() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        store.store(events(source, 4));
        tamper("DELETE FROM audit_event WHERE chain_source = '" + source + "' AND chain_seq = 2");

        assertEquals(List.of("events 2 to 2 are missing (deleted)"), only(source).problems());
    }

    @Test
    void cuttingOffTheNewestEventsIsReportedByTheHeadAndTheSignedCheckpoint() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        store.store(events(source, 5));
        checkpointer.checkpoint();
        tamper("DELETE FROM audit_event WHERE chain_source = '" + source + "' AND chain_seq >= 4");
        tamper("UPDATE audit_chain_head h SET last_seq = 3, last_hash = e.hash FROM audit_event e"
                + " WHERE h.source = '" + source + "' AND e.chain_source = h.source AND e.chain_seq = 3");

        List<String> problems = only(source).problems();
        assertEquals(List.of("a signed checkpoint vouches for event 5 but the chain ends at 3: events were deleted"),
                problems);
    }

    @Test
    void aForgedCheckpointIsReported() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        store.store(events(source, 2));
        checkpointer.checkpoint();
        tamper("UPDATE audit_checkpoint SET seq = 1 WHERE source = '" + source + "'");

        assertEquals(List.of("the checkpoint at event 1 has no valid signature"), only(source).problems());
    }

    private AuditChainReport.Source only(String source) throws Exception {
        AuditChainReport report = verifier.verify(Optional.of(source));
        assertEquals(1, report.sources().size());
        return report.sources().get(0);
    }

    /** Changes stored rows as an attacker with database access would: around the append-only triggers. */
    private void tamper(String sql) throws Exception {
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            statement.execute("ALTER TABLE audit_event DISABLE TRIGGER audit_event_append_only");
            statement.execute("ALTER TABLE audit_checkpoint DISABLE TRIGGER audit_checkpoint_append_only");
            try {
                statement.execute(sql);
            } finally {
                statement.execute("ALTER TABLE audit_event ENABLE TRIGGER audit_event_append_only");
                statement.execute("ALTER TABLE audit_checkpoint ENABLE TRIGGER audit_checkpoint_append_only");
            }
        }
    }

    private static List<AuditRecord> events(String source, int count) {
        List<AuditRecord> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new AuditRecord(UUID.randomUUID(), "req-" + UUID.randomUUID(), Instant.now(), source, "deploy-bot",
                    "demo", "GET", "/demo/customers/" + i, AuditDecision.ALLOWED, "granted", null, 200, 3,
                    List.of("ssn"), AuditRecord.CALL, null, Map.of("ssn", 2), null));
        }
        return events;
    }
}
