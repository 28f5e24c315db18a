package io.gatehouse.controlplane.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.domain.CallRecording;
import io.gatehouse.controlplane.service.AuditStore;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
@TestSecurity(user = "auditor", roles = "gatehouse-auditors")
class AuditQueryAndExportTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");

    @Inject
    AuditStore store;

    private final ObjectMapper json = new ObjectMapper();
    private String resource;

    @BeforeEach
    void storeEvents() {
        resource = "res-" + UUID.randomUUID();
        List<AuditRecord> events = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            events.add(event(i, "GET", AuditDecision.ALLOWED, "granted"));
        }
        events.add(event(5, "POST", AuditDecision.DENIED, "=HYPERLINK(\"http://evil\"), no grant"));
        events.add(recordedCall(6));
        store.store(events);
    }

    @Test
    void filtersByMethodDecisionAndTimeRange() throws Exception {
        assertEquals(1, search(Map.of("resource", resource, "method", "post", "decision", "denied")).size());
        assertEquals(6, search(Map.of("resource", resource, "decision", "ALLOWED")).size());
        JsonNode window = search(Map.of("resource", resource, "from", T0.plusSeconds(1).toString(), "to", T0.plusSeconds(3).toString()));
        assertEquals(2, window.size());
        assertEquals("/items/2", window.get(0).path("path").asText(), "newest first");
    }

    @Test
    void aCursorWalksThroughEveryPageOnce() throws Exception {
        List<String> paths = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            var request = given().queryParam("resource", resource).queryParam("limit", 4);
            if (cursor != null) {
                request.queryParam("cursor", cursor);
            }
            ExtractableResponse<Response> page = request.get("/api/v1/audit/events").then().statusCode(200).extract();
            json.readTree(page.asString()).forEach(event -> paths.add(event.path("path").asText()));
            cursor = page.header(AuditEventsResource.NEXT_CURSOR);
            pages++;
        } while (cursor != null && pages < 5);
        assertEquals(List.of("/items/6", "/items/5", "/items/4", "/items/3", "/items/2", "/items/1", "/items/0"), paths);
        assertEquals(2, pages);
    }

    @Test
    void badFiltersAreRefusedWithTheReason() {
        given().queryParam("decision", "maybe").get("/api/v1/audit/events").then().statusCode(400);
        given().queryParam("from", "yesterday").get("/api/v1/audit/export").then().statusCode(400);
        given().queryParam("format", "xml").get("/api/v1/audit/export").then().statusCode(400);
        given().queryParam("cursor", "abc").get("/api/v1/audit/events").then().statusCode(400);
    }

    @Test
    void exportsJsonLinesAndCsvWithFormulasDefused() throws Exception {
        String lines = given().queryParam("resource", resource).get("/api/v1/audit/export").then().statusCode(200)
                .contentType("application/jsonl").extract().asString();
        String[] events = lines.split("\n");
        assertEquals(7, events.length);
        assertEquals("/items/0", json.readTree(events[0]).path("path").asText(), "in the order stored");
        assertEquals("text/plain", json.readTree(events[6]).path("recording").path("responseBody").path("contentType").asText());
        assertEquals(Map.of("ssn", 2), json.convertValue(json.readTree(events[0]).path("maskedValues"), Map.class));

        String csv = given().queryParam("resource", resource).queryParam("format", "csv").get("/api/v1/audit/export")
                .then().statusCode(200).extract().asString();
        String[] rows = csv.split("\r\n");
        assertEquals(8, rows.length);
        assertTrue(rows[0].startsWith("id,eventId,time,kind"), rows[0]);
        assertTrue(rows[6].contains(",\"'=HYPERLINK(\"\"http://evil\"\"), no grant\","), rows[6]);
        assertTrue(rows[1].endsWith(",ssn,ssn=2,,"), rows[1]);
        assertTrue(rows[7].endsWith(",ssn,ssn=2,page=2&token=[redacted],bodies"), rows[7]);
    }

    @Test
    void theRecordedQueryHeadersAndBodiesAreStoredAndReturned() throws Exception {
        JsonNode recording = search(Map.of("resource", resource, "limit", "1")).get(0).path("recording");

        assertEquals("bodies", recording.path("level").asText());
        assertEquals("page=2&token=[redacted]", recording.path("query").asText());
        assertEquals(Map.of("content-type", "application/json", "x-request-id", "r-1"),
                json.convertValue(recording.path("requestHeaders"), Map.class));
        assertEquals("{\"amount\":5}", recording.path("requestBody").path("content").asText());
        assertEquals(5_000, recording.path("responseBody").path("size").asLong());
        assertEquals("caf\u00e9 ***", recording.path("responseBody").path("content").asText());
        assertTrue(recording.path("responseBody").path("truncated").asBoolean());
        assertTrue(recording.path("bestEffort").asBoolean());
    }

    private AuditRecord recordedCall(int index) {
        AuditRecord call = event(index, "GET", AuditDecision.ALLOWED, "granted");
        CallRecording recording = new CallRecording("bodies", "page=2&token=[redacted]",
                Map.of("x-request-id", "r-1", "content-type", "application/json"), Map.of("content-type", "text/plain"),
                new CallRecording.RecordedBody(12, "application/json", "{\"amount\":5}", false, false),
                new CallRecording.RecordedBody(5_000, "text/plain", "caf\u00e9 ***", true, false), true);
        return new AuditRecord(call.eventId(), call.requestId(), call.time(), call.dataPlaneId(), call.identity(),
                call.resource(), call.method(), call.path(), call.decision(), call.reason(), call.approvalId(), call.status(),
                call.durationMs(), call.maskedFields(), call.kind(), call.actor(), call.maskedValues(), recording);
    }

    private JsonNode search(Map<String, String> parameters) throws Exception {
        return json.readTree(given().queryParams(parameters).get("/api/v1/audit/events").then().statusCode(200).extract().asString());
    }

    private AuditRecord event(int index, String method, AuditDecision decision, String reason) {
        return new AuditRecord(UUID.randomUUID(), "req-" + UUID.randomUUID(), T0.plusSeconds(index), "dp-export",
                "deploy-bot", resource, method, "/items/" + index, decision, reason, null, 200, 2, List.of("ssn"),
                AuditRecord.CALL, null, Map.of("ssn", 2), null);
    }
}
