package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallRecord;
import io.gatehouse.dataplane.audit.RecordedBody;
import io.gatehouse.dataplane.masking.HashTokenizer;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Recording;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.gatehouse.proto.config.v1.Detector;
import io.gatehouse.proto.config.v1.MaskingRule;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded copy of the caller's request body, through the real proxy path: the upstream gets the body exactly as
 * sent, the audit record holds it masked by the resource's rules (or, when it cannot be masked, only its size), and
 * the masking summary counts the request body's values apart from the response's.
 */
class RequestBodyMaskingThroughProxyTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String CARD = "4111 1111 1111 1111";
    private static final String SSN = "123-45-6789";

    private static RecordingUpstream upstream;
    private static ProxyTestBed proxy;
    /** What the upstream received, by the request id the proxy sent it. */
    private static final Map<String, String> receivedBodies = new ConcurrentHashMap<>();

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        upstream = RecordingUpstream.start(vertx);
        upstream.respondWith((request, body) -> {
            receivedBodies.put(request.getHeader(ProxyHeaders.REQUEST_ID), body.toString(StandardCharsets.UTF_8));
            request.response().putHeader("Content-Type", "application/json").end("{\"ssn\":\"987-65-4321\",\"ok\":true}");
        });
        MaskingPolicy rules = new MaskingRuleCompiler(Optional.of(HashTokenizer.fromSecret("a-test-key-of-at-least-thirty-two-bytes!")))
                .compile(io.gatehouse.proto.config.v1.Resource.newBuilder().setName("payments").addAllMaskingRules(List.of(
                        MaskingRule.newBuilder().setField("ssn").build(),
                        MaskingRule.newBuilder().setName("card-number").setPath("$..card.number").build(),
                        MaskingRule.newBuilder().setDetector(Detector.DETECTOR_PAYMENT_CARD).build())).build());
        proxy = ProxyTestBed.builder().vertx(vertx)
                .resource(resource("payments", upstream.uri(), rules, 4096))
                .resource(resource("capped", upstream.uri(), rules, 30))
                .resource(resource("unmasked", upstream.uri(), MaskingPolicy.NONE, 4096))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
    }

    @Test
    void theUpstreamGetsTheClearBodyAndTheRecordTheMaskedOneEvenWhenValuesAreSplitAcrossChunks() throws Exception {
        String body = "{\"card\": {\"number\": \"" + CARD + "\", \"holder\": \"Ann\"}, \"ssn\": \"" + SSN + "\", \"amount\": 12}";
        int inCard = body.indexOf(CARD) + 6;
        int inSsn = body.indexOf(SSN) + 4;
        RawHttp.Response response = postChunked("/payments/refunds", "application/json",
                body.substring(0, inCard), body.substring(inCard, inSsn), body.substring(inSsn));
        assertEquals(200, response.status());

        String requestId = response.header(ProxyHeaders.REQUEST_ID);
        assertEquals(body, receivedBodies.get(requestId), "the upstream gets the body exactly as sent");
        CallRecord record = proxy.awaitRecordOfRequest(requestId, WAIT);

        RecordedBody recorded = record.details().requestBody();
        assertEquals("{\"card\":{\"number\":\"[masked]\",\"holder\":\"Ann\"},\"ssn\":\"[masked]\",\"amount\":12}", text(recorded));
        assertEquals(body.length(), recorded.size(), "the size of the body as sent");
        assertFalse(recorded.truncated());
        assertNull(recorded.unmaskable());
        assertFalse(text(record.details().responseBody()).contains("987-65-4321"), "the response is masked as before");
        assertEquals(Map.of("ssn", 1, "request-body:ssn", 1, "request-body:card-number", 1), record.maskedValues(),
                "the request body's values are counted apart from the response's");
    }

    @Test
    void aTextBodyIsRecordedWithTheDetectorsHitsMasked() throws Exception {
        String body = "please refund card " + CARD + " today";
        RawHttp.Response response = post("/payments/notes", "text/plain; charset=utf-8", body);
        assertEquals(200, response.status());
        String requestId = response.header(ProxyHeaders.REQUEST_ID);
        assertEquals(body, receivedBodies.get(requestId));

        CallRecord record = proxy.awaitRecordOfRequest(requestId, WAIT);
        assertEquals("please refund card [masked] today", text(record.details().requestBody()));
        assertEquals(1, record.maskedValues().get("request-body:payment-card"));
    }

    @Test
    void aBodyThatCannotBeMaskedStillGoesThroughButOnlyItsSizeIsRecordedAndTheRecordSaysWhy() throws Exception {
        String body = "{\"ssn\": \"" + SSN + "\", \"card\": {\"number\": \"" + CARD + "\"}, oops";
        RawHttp.Response response = post("/payments/refunds", "application/json", body);
        assertEquals(200, response.status(), "masking the recorded copy is not the call's business");
        String requestId = response.header(ProxyHeaders.REQUEST_ID);
        assertEquals(body, receivedBodies.get(requestId), "the upstream still gets the body as sent");

        CallRecord record = proxy.awaitRecordOfRequest(requestId, WAIT);
        RecordedBody recorded = record.details().requestBody();
        assertEquals(0, recorded.content().length, "not even the masked head of an invalid body");
        assertEquals(body.length(), recorded.size());
        assertEquals("application/json", recorded.contentType());
        assertTrue(recorded.binary());
        assertNotNull(recorded.unmaskable());
        assertEquals(1, record.maskedValues().get("request-body-unmaskable"));
        assertFalse(record.toString().contains(SSN) || record.toString().contains("4111"), record.toString());
    }

    @Test
    void theCapCutsTheMaskedBodySoAValueAtTheCapIsNotRecordedInPart() throws Exception {
        String body = "{\"note\": \"refund\", \"ssn\": \"" + SSN + "\", \"more\": \"" + "m".repeat(10_000) + "\"}";
        RawHttp.Response response = post("/capped/refunds", "application/json", body);
        assertEquals(200, response.status());
        String requestId = response.header(ProxyHeaders.REQUEST_ID);
        assertEquals(body, receivedBodies.get(requestId));

        RecordedBody recorded = proxy.awaitRecordOfRequest(requestId, WAIT).details().requestBody();
        assertEquals("{\"note\":\"refund\",\"ssn\":\"[masked]\",\"more\":\"mmmm".substring(0, 30), text(recorded));
        assertTrue(recorded.truncated());
        assertEquals(body.length(), recorded.size());
    }

    @Test
    void aResourceWithoutMaskingRulesRecordsTheBodyAsSent() throws Exception {
        String body = "{\"ssn\": \"" + SSN + "\"}";
        RawHttp.Response response = post("/unmasked/refunds", "application/json", body);
        CallRecord record = proxy.awaitRecordOfRequest(response.header(ProxyHeaders.REQUEST_ID), WAIT);
        assertEquals(body, text(record.details().requestBody()));
        assertEquals(Map.of(), record.maskedValues());
    }

    private static Resource resource(String name, URI upstream, MaskingPolicy masking, int bodyBytes) {
        return new Resource(name, "/" + name, upstream, CredentialInjection.of(InjectionStyle.BEARER), masking,
                Duration.ofSeconds(10), null, new Recording(Recording.Level.BODIES, Set.of("content-type"), bodyBytes, false));
    }

    private static RawHttp.Response post(String target, String contentType, String body) throws Exception {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        try (RawHttp connection = proxy.connect()) {
            return connection.send("POST " + target + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + proxy.token()
                    + "\r\nContent-Type: " + contentType + "\r\nContent-Length: " + bytes.length + "\r\n\r\n" + body).read();
        }
    }

    /** Each piece is its own chunk, written on its own. */
    private static RawHttp.Response postChunked(String target, String contentType, String... pieces) throws Exception {
        try (RawHttp connection = proxy.connect()) {
            connection.send("POST " + target + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + proxy.token()
                    + "\r\nContent-Type: " + contentType + "\r\nTransfer-Encoding: chunked\r\n\r\n");
            for (String piece : pieces) {
                connection.send(Integer.toHexString(piece.length()) + "\r\n" + piece + "\r\n");
            }
            return connection.send("0\r\n\r\n").read();
        }
    }

    private static String text(RecordedBody body) {
        return new String(body.content(), StandardCharsets.UTF_8);
    }
}
