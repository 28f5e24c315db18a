package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallDetails;
import io.gatehouse.dataplane.audit.CallRecord;
import io.gatehouse.dataplane.audit.RecordedBody;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Recording;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit record of calls through the real proxy path: allow-listed headers without credentials, the caller's
 * request body, the response body as the caller received it (masked, credential scrubbed) up to the cap and
 * streamed, the query redacted; and best-effort forwarding while the spool refuses.
 */
class CallRecordingThroughProxyTest {

    private static final String SECRET = "vault-issued-upstream-secret-5d1e";

    private static RecordingUpstream upstream;
    private static ProxyTestBed proxy;
    private static ProxyTestBed fullSpoolProxy;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        upstream = RecordingUpstream.start(vertx);
        upstream.respondWith((request, body) -> {
            String authorization = request.getHeader("Authorization");
            HttpServerResponse response = request.response().setChunked(true)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Request-Id", "up-1")
                    .putHeader("Set-Cookie", "upstream-session=s1")
                    .putHeader("X-Echo", authorization);
            String json = "{\"ssn\":\"123-45-6789\",\"you-sent\":\"" + authorization + "\",\"echo\":" + body + ",\"pad\":\""
                    + "x".repeat(Integer.parseInt(request.params().get("pad") == null ? "0" : request.params().get("pad"))) + "\"}";
            writeInPieces(response, Buffer.buffer(json), 7);
        });
        MaskingPolicy ssn = new MaskingRuleCompiler(Optional.empty()).compile(
                io.gatehouse.proto.config.v1.Resource.newBuilder().addMaskedFields("ssn").build());
        Set<String> allowList = Set.of("content-type", "x-request-id", "authorization", "set-cookie", "x-echo");
        proxy = ProxyTestBed.builder().vertx(vertx).credential(SECRET)
                .resource(resource("bodies", upstream.uri(), ssn, new Recording(Recording.Level.BODIES, allowList, 64, false)))
                .resource(resource("headers", upstream.uri(), ssn, new Recording(Recording.Level.HEADERS, allowList, 64, false)))
                .resource(resource("plain", upstream.uri(), MaskingPolicy.NONE, Recording.DEFAULT))
                .start();
        fullSpoolProxy = ProxyTestBed.builder().vertx(vertx).credential(SECRET).spoolFull()
                .resource(resource("strict", upstream.uri(), MaskingPolicy.NONE, Recording.DEFAULT))
                .resource(resource("lenient", upstream.uri(), MaskingPolicy.NONE,
                        new Recording(Recording.Level.METADATA, Set.of(), 4096, true)))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        fullSpoolProxy.close();
        proxy.close();
    }

    @Test
    void levelBodiesRecordsTheCallersBodyAndTheMaskedScrubbedResponseUpToTheCap() throws Exception {
        RawHttp.Response response = post(proxy, "/bodies/items?pad=100", "{\"amount\":5}");
        assertEquals(200, response.status());

        CallDetails details = recordOf(proxy, response).details();
        assertEquals("bodies", details.level());
        RecordedBody request = details.requestBody();
        assertEquals("{\"amount\":5}", text(request));
        assertEquals(12, request.size());
        assertFalse(request.truncated());

        RecordedBody recorded = details.responseBody();
        String sent = response.body();
        assertEquals(sent.length(), recorded.size(), "the size of what the caller received");
        assertEquals(sent.substring(0, 64), text(recorded), "the first bytes of exactly what the caller received");
        assertTrue(recorded.truncated());
        assertTrue(text(recorded).startsWith("{\"ssn\":\"[masked]\""), text(recorded));
        assertFalse(text(recorded).contains("123-45-6789"));
        assertNoSecretIn(details);
    }

    @Test
    void allowListedHeadersAreRecordedButNeverTheCallersTokenCookiesOrTheInjectedCredential() throws Exception {
        RawHttp.Response response = post(proxy, "/headers/items", "{}");
        CallDetails details = recordOf(proxy, response).details();

        assertEquals("headers", details.level());
        assertEquals("application/json", details.requestHeaders().get("content-type"));
        assertEquals("caller-7", details.requestHeaders().get("x-request-id"));
        assertEquals("[redacted]", details.requestHeaders().get("authorization"));
        assertEquals("up-1", details.responseHeaders().get("x-request-id"));
        assertEquals("[redacted]", details.responseHeaders().get("set-cookie"));
        assertTrue(details.responseHeaders().get("x-echo").startsWith("Bearer [REDACTED"), "scrubbed as the caller got it");
        assertNull(details.requestBody(), "no bodies at level headers");
        assertNull(details.responseBody());
        assertNoSecretIn(details);
    }

    @Test
    void theQueryIsRecordedWithSensitiveValuesRedactedAtEveryLevel() throws Exception {
        RawHttp.Response response = get(proxy, "/plain/items?page=2&access_token=leaky-token&sig=abc");
        CallDetails details = recordOf(proxy, response).details();

        assertEquals("metadata", details.level());
        assertEquals("page=2&access_token=[redacted]&sig=[redacted]", details.query());
        assertEquals(Map.of(), details.requestHeaders());
        assertNull(details.responseBody());
        assertTrue(upstream.receivedUris().contains("/items?page=2&access_token=leaky-token&sig=abc"),
                "the upstream still gets the query as sent");
    }

    @Test
    void whileTheSpoolRefusesAStrictResourceAnswers503AndABestEffortOneForwardsCounted() throws Exception {
        int before = upstream.received().size();
        RawHttp.Response refused = get(fullSpoolProxy, "/strict/items");
        assertEquals(503, refused.status());
        assertEquals(before, upstream.received().size(), "the upstream was not contacted");

        RawHttp.Response forwarded = get(fullSpoolProxy, "/lenient/items");
        assertEquals(200, forwarded.status());
        assertEquals(before + 1, upstream.received().size());
        assertTrue(recordOf(fullSpoolProxy, forwarded).details().bestEffort(), "the outcome says it went on unrecorded");
        assertEquals("close", refused.header("connection"), "the refusal says the connection ends");
        assertTrue(fullSpoolProxy.auditRecords().stream().noneMatch(record -> record.path().equals("/strict/items")),
                "a refusal of the full spool is counted, not spooled: it would grow the spool past its mark");
        assertEquals(1.0, fullSpoolProxy.metrics().find("gatehouse.audit.unrecorded.refusals").tag("resource", "strict")
                .counter().count());
        assertEquals(1.0, fullSpoolProxy.metrics().find("gatehouse.audit.best.effort.calls").tag("resource", "lenient")
                .counter().count());
        assertNull(fullSpoolProxy.metrics().find("gatehouse.audit.best.effort.calls").tag("resource", "strict").counter());
    }

    private static Resource resource(String name, URI upstream, MaskingPolicy masking, Recording recording) {
        return new Resource(name, "/" + name, upstream, CredentialInjection.of(InjectionStyle.BEARER), masking, Duration.ofSeconds(10),
                null, recording);
    }

    private static RawHttp.Response post(ProxyTestBed bed, String target, String body) throws Exception {
        try (RawHttp connection = bed.connect()) {
            return connection.send("POST " + target + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + bed.token()
                    + "\r\nContent-Type: application/json\r\nX-Request-Id: caller-7\r\nCookie: sid=caller-cookie\r\n"
                    + "Content-Length: " + body.length() + "\r\n\r\n" + body).read();
        }
    }

    private static RawHttp.Response get(ProxyTestBed bed, String target) throws Exception {
        try (RawHttp connection = bed.connect()) {
            return connection.send("GET " + target + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + bed.token() + "\r\n\r\n").read();
        }
    }

    /** The outcome is recorded once the relay completes, which may be just after the caller read the answer. */
    private static CallRecord recordOf(ProxyTestBed bed, RawHttp.Response response) throws InterruptedException {
        String requestId = response.header(ProxyHeaders.REQUEST_ID);
        for (int attempt = 0; attempt < 100; attempt++) {
            Optional<CallRecord> record = bed.auditRecords().stream().filter(r -> r.requestId().equals(requestId)).findFirst();
            if (record.isPresent()) {
                return record.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("no audit record of request " + requestId);
    }

    private static void assertNoSecretIn(CallDetails details) {
        String all = details.toString() + details.requestHeaders() + details.responseHeaders()
                + (details.requestBody() == null ? "" : text(details.requestBody()))
                + (details.responseBody() == null ? "" : text(details.responseBody()));
        assertFalse(all.contains(SECRET), all);
        assertFalse(all.contains(proxy.token()), "the caller's token");
        assertFalse(all.contains("caller-cookie"), all);
        assertFalse(all.contains("upstream-session"), all);
    }

    private static String text(RecordedBody body) {
        return new String(body.content(), StandardCharsets.UTF_8);
    }

    private static void writeInPieces(HttpServerResponse response, Buffer body, int size) {
        Future<Void> previous = Future.succeededFuture();
        for (int from = 0; from < body.length(); from += size) {
            Buffer piece = body.slice(from, Math.min(body.length(), from + size));
            previous = previous.compose(written -> response.write(piece));
        }
        previous.onComplete(written -> response.end());
    }
}
