package io.gatehouse.bench.audit;

import com.google.protobuf.ByteString;
import com.google.protobuf.Duration;
import com.google.protobuf.Timestamp;
import io.gatehouse.dataplane.audit.TimeOrderedIds;
import io.gatehouse.proto.audit.v1.AuditBatch;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.Decision;
import io.gatehouse.proto.audit.v1.RecordedBody;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.SplittableRandom;

/**
 * Audit events shaped like a data plane's: calls of 50 identities on 10 resources, most allowed, some masked; 70%
 * recorded at level metadata, 20% with allow-listed headers and 10% with the first bytes of both bodies (a 600-byte
 * masked JSON response), which is what the resources' recording levels produce. Event and request ids are made as a
 * data plane makes them ({@link TimeOrderedIds}).
 */
final class SyntheticAuditEvents {

    private static final String RESPONSE = "{\"id\":42,\"name\":\"Ada Lovelace\",\"email\":\"***\",\"ssn\":\"***\","
            + "\"address\":{\"street\":\"12 Example Road\",\"city\":\"London\",\"postcode\":\"N1 9GU\"},\"orders\":["
            + "{\"id\":1001,\"total\":129.99,\"currency\":\"EUR\",\"items\":3},{\"id\":1002,\"total\":12.5,\"currency\":\"EUR\","
            + "\"items\":1},{\"id\":1003,\"total\":77.0,\"currency\":\"EUR\",\"items\":2}],\"tags\":[\"vip\",\"newsletter\"],"
            + "\"created\":\"2024-02-11T09:30:00Z\",\"updated\":\"2026-11-01T17:45:12Z\",\"notes\":\"called about the refund"
            + " of order 1002; refunded on the same day; customer satisfied\",\"flags\":{\"fraud\":false,\"pep\":false}}";
    private static final ByteString RESPONSE_BYTES = ByteString.copyFrom(RESPONSE, StandardCharsets.UTF_8);
    private static final ByteString REQUEST_BYTES = ByteString.copyFrom("{\"amount\":12.5,\"reason\":\"duplicate\"}",
            StandardCharsets.UTF_8);

    private final String dataPlaneId;
    private final SplittableRandom random;
    private long sequence;

    SyntheticAuditEvents(String dataPlaneId, long seed) {
        this.dataPlaneId = dataPlaneId;
        this.random = new SplittableRandom(seed);
    }

    /** The next batch of {@code size} events, with the stream's next sequence numbers. */
    AuditBatch nextBatch(int size) {
        AuditBatch.Builder batch = AuditBatch.newBuilder().setDataPlaneId(dataPlaneId);
        for (int i = 0; i < size; i++) {
            batch.addEvents(event());
        }
        sequence += size;
        return batch.setLastSequence(sequence).build();
    }

    private AuditEvent event() {
        Instant now = Instant.now();
        int identity = random.nextInt(50);
        int resource = random.nextInt(10);
        boolean denied = random.nextInt(20) == 0;
        boolean write = random.nextInt(5) == 0;
        AuditEvent.Builder event = AuditEvent.newBuilder()
                .setEventId(TimeOrderedIds.nextString())
                .setRequestId(TimeOrderedIds.nextString())
                .setTime(Timestamp.newBuilder().setSeconds(now.getEpochSecond()).setNanos(now.getNano()))
                .setDataPlaneId(dataPlaneId)
                .setIdentity("svc-" + identity + "-deploy-bot")
                .setResource("api-" + resource)
                .setMethod(write ? "POST" : "GET")
                .setPath("/api-" + resource + "/v1/customers/" + random.nextInt(100_000) + (write ? "/refunds" : ""))
                .setDecision(denied ? Decision.DECISION_DENIED : Decision.DECISION_ALLOWED)
                .setReason(denied ? "no grant allows POST on this path" : "grant " + (identity * 10 + resource))
                .setStatus(denied ? 403 : 200)
                .setDuration(Duration.newBuilder().setNanos(1_000_000 * (1 + random.nextInt(200))))
                .setRecordingLevel("metadata");
        if (!denied) {
            // the grant path pattern the call was allowed as: what usage evidence counts per identity and day
            event.setRoute(write ? "/v1/customers/*/refunds" : "/v1/customers/*");
        }
        if (!denied && resource < 3) {
            event.addMaskedFields("ssn").addMaskedFields("email").putMaskedValues("ssn", 1).putMaskedValues("email", 1);
        }
        int level = random.nextInt(10);
        if (level >= 7) {
            event.setRecordingLevel(level == 9 ? "bodies" : "headers")
                    .setQuery("page=2&api_key=[redacted]")
                    .putRequestHeaders("user-agent", "deploy-bot/2.4.1 (+https://ci.example.com)")
                    .putRequestHeaders("content-type", "application/json")
                    .putRequestHeaders("authorization", "[redacted]")
                    .putResponseHeaders("content-type", "application/json")
                    .putResponseHeaders("x-request-id", "up-" + Long.toHexString(random.nextLong()));
        }
        if (level == 9) {
            event.setRequestBody(RecordedBody.newBuilder().setSize(REQUEST_BYTES.size()).setContentType("application/json")
                            .setContent(REQUEST_BYTES))
                    .setResponseBody(RecordedBody.newBuilder().setSize(RESPONSE_BYTES.size()).setContentType("application/json")
                            .setContent(RESPONSE_BYTES));
        }
        return event.build();
    }
}
