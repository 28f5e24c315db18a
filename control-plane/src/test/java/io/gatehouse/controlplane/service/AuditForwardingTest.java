package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.repository.AuditForwardPositions;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The audit trail forwarded to an OTLP/HTTP logs receiver: in chain order, at least once, nothing lost while it is down. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class AuditForwardingTest {

    private static final String COLLECTOR_KEY = "collector-api-key-" + UUID.randomUUID();

    @Inject
    AuditStore store;

    @Inject
    AuditForwarder forwarder;

    @Inject
    AuditForwardPositions positions;

    @Test
    void eventsReachTheCollectorInChainOrderOnceTakenAndWaitWhileItIsDown() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        try (OtlpLogsReceiver collector = new OtlpLogsReceiver()) {
            OtlpHttpLogSink sink = new OtlpHttpLogSink(collector.endpoint(), OtlpHttpLogSink.parseHeaders(
                    "Authorization=Bearer " + COLLECTOR_KEY), Duration.ofSeconds(5));
            store.store(calls(source, 3));

            assertTrue(forwarder.forwardTo(sink) >= 3);
            List<Map<String, String>> ours = of(collector, source);
            assertEquals(List.of("1", "2", "3"), ours.stream().map(record -> record.get("gatehouse.chain.seq")).toList());
            Map<String, String> first = ours.get(0);
            assertEquals("deploy-bot", first.get("gatehouse.identity"));
            assertEquals("GET", first.get("http.request.method"));
            assertEquals("/demo/customers/0", first.get("url.path"));
            assertEquals("200", first.get("http.response.status_code"));
            assertEquals("ALLOWED", first.get("gatehouse.decision"));
            assertEquals("deploy-bot GET /demo/customers/0 -> ALLOWED 200", first.get("body"));
            assertEquals("Bearer " + COLLECTOR_KEY, collector.requestHeaders().get(0).get("authorization"));
            assertEquals(3, positions.lastSeq(sink.name(), source));

            assertEquals(0, forwarder.forwardTo(sink), "nothing is sent twice once taken");

            collector.down(true);
            store.store(calls(source, 2));
            IOException refused = assertThrows(IOException.class, () -> forwarder.forwardTo(sink));
            assertTrue(refused.getMessage().contains("503"), refused.getMessage());
            assertFalse(refused.getMessage().contains(COLLECTOR_KEY), "the collector's key is in no message");
            assertEquals(3, positions.lastSeq(sink.name(), source), "the position does not move past what was not taken");

            collector.down(false);
            assertEquals(2, forwarder.forwardTo(sink));
            assertEquals(List.of("1", "2", "3", "4", "5"),
                    of(collector, source).stream().map(record -> record.get("gatehouse.chain.seq")).toList());
        }
    }

    @Test
    void neitherMalformedHeaderSettingsNorAKeyInTheEndpointUrlAreShown() {
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> OtlpHttpLogSink.parseHeaders("Authorization: Bearer " + COLLECTOR_KEY));
        assertFalse(refused.getMessage().contains(COLLECTOR_KEY), refused.getMessage());
        assertEquals(Map.of("api-key", "a=b", "x-tenant", "acme"), OtlpHttpLogSink.parseHeaders("api-key=a=b, x-tenant=acme"));
        assertEquals("https://collector.example:4318/v1/logs", OtlpHttpLogSink.withoutSecrets(
                java.net.URI.create("https://user:" + COLLECTOR_KEY + "@collector.example:4318/v1/logs?key=" + COLLECTOR_KEY)));
    }

    private static List<Map<String, String>> of(OtlpLogsReceiver collector, String source) {
        return collector.records().stream().filter(record -> source.equals(record.get("gatehouse.chain.source"))).toList();
    }

    private static List<AuditRecord> calls(String source, int count) {
        List<AuditRecord> events = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            events.add(new AuditRecord(UUID.randomUUID(), "req-" + UUID.randomUUID(), Instant.now(), source, "deploy-bot",
                    "demo", "GET", "/demo/customers/" + i, AuditDecision.ALLOWED, "granted", null, 200, 3,
                    List.of(), AuditRecord.CALL, null, Map.of(), null));
        }
        return events;
    }
}
