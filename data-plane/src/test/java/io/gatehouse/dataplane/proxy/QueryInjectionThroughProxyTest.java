package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallRecord;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.vertx.core.Vertx;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The query style through the real proxy against an upstream that echoes the query it got: the
 * credential goes out as the one parameter of its name (whatever the caller sent under that name),
 * and neither its plain nor its encoded form reaches the caller, the audit record or the metrics.
 */
class QueryInjectionThroughProxyTest {

    /** Characters that must be encoded in a query, so the plain and the encoded form differ. */
    private static final String SECRET = "q-secret+/=&value-91d2";
    private static final String ENCODED = "q-secret%2B%2F%3D%26value-91d2";

    private static RecordingUpstream upstream;
    private static ProxyTestBed proxy;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        upstream = RecordingUpstream.start(vertx);
        upstream.respondWith((request, body) -> request.response().putHeader("Content-Type", "text/plain")
                .putHeader("X-Seen-Query", request.query())
                .end("raw=" + request.query() + "\ndecoded=" + request.getParam("api_key")));
        proxy = ProxyTestBed.builder().vertx(vertx).credential(SECRET)
                .resource(new Resource("keyed", "/keyed", upstream.uri(), CredentialInjection.query("api_key"),
                        MaskingPolicy.NONE, Duration.ofSeconds(10), null))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
    }

    @Test
    void theUpstreamGetsTheCredentialAsTheOnlyParameterOfItsName() throws Exception {
        RawHttp.Response response = proxy.get("/keyed/items?page=2&api_key=callers-guess&API%5FKEY=other&sort=asc");

        assertEquals(200, response.status());
        String sent = upstream.received().get(upstream.received().size() - 1).uri();
        assertEquals("/items?page=2&sort=asc&api_key=" + ENCODED, sent);
        assertEquals(SECRET, URLDecoder.decode(sent.substring(sent.indexOf("api_key=") + 8), StandardCharsets.UTF_8));
        assertFalse(sent.contains("callers-guess"));
        assertFalse(upstream.received().get(upstream.received().size() - 1).headers().contains("Authorization"),
                "the caller's token is not forwarded, and the query style sets no header");
    }

    @Test
    void theEchoedCredentialIsScrubbedInBothFormsAndRecordedAsAnEcho() throws Exception {
        RawHttp.Response response = proxy.get("/keyed/echo?x=1");

        assertEquals(200, response.status());
        for (String form : new String[] {SECRET, ENCODED}) {
            assertFalse(response.body().contains(form), response.body());
            response.headers().forEach((name, value) -> assertFalse(value.contains(form), name + ": " + value));
        }
        assertTrue(response.body().contains("decoded=[REDACTED"), response.body());
        assertTrue(response.header("X-Seen-Query").contains("api_key=[REDACTED"), response.header("X-Seen-Query"));
        CallRecord record = proxy.awaitRecord("/keyed/echo");
        assertEquals(3, record.maskedValues().get(EchoScrubbing.AUDIT_RULE_NAME));
        assertFalse(record.toString().contains(SECRET) || record.toString().contains(ENCODED), record.toString());
        proxy.metrics().getMeters().forEach(meter -> assertFalse(meter.getId().toString().contains("value-91d2"),
                meter.getId().toString()));
    }
}
