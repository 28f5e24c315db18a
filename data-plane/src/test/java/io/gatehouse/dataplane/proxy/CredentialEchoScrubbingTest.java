package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallRecord;
import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.zip.GZIPOutputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An upstream that reflects the request's Authorization header (the injected credential) in a
 * response header and in its body, cut into small chunks so that the credential straddles chunk
 * boundaries: the caller never reads it, with or without masking rules, plain or gzip.
 */
class CredentialEchoScrubbingTest {

    private static final String SECRET = "vault-issued-upstream-secret-7f3a9c";

    private static RecordingUpstream upstream;
    private static ProxyTestBed proxy;

    @BeforeAll
    static void start() throws Exception {
        Vertx vertx = Vertx.vertx();
        upstream = RecordingUpstream.start(vertx);
        proxy = ProxyTestBed.builder().vertx(vertx).credential(SECRET)
                .resource("plain", upstream.uri())
                .resource("masked", upstream.uri(), new MaskingRuleCompiler(Optional.empty()).compile(
                        io.gatehouse.proto.config.v1.Resource.newBuilder().addMaskedFields("ssn").build()))
                .start();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
    }

    @BeforeEach
    void reflectAuthorizationInSmallChunks() {
        upstream.respondWith((request, body) -> {
            String authorization = request.getHeader("Authorization");
            HttpServerResponse response = request.response().setChunked(true)
                    .putHeader("Content-Type", "application/json")
                    .putHeader("X-Echo", authorization);
            writeInPieces(response, Buffer.buffer("{\"ssn\":\"123\",\"you-sent\":\"" + authorization + "\",\"n\":1}"), 7);
        });
    }

    @Test
    void theUpstreamReallyGetsAndEchoesTheSecret() {
        // the premise of the other tests: the credential is injected, so an echo would carry it
        assertTrue(SECRET.length() > 7);
        assertEquals("Bearer " + SECRET, upstreamAuthorizationAfter("/plain/echo"));
    }

    @Test
    void scrubsTheEchoFromHeadersAndBodyOfAResourceWithoutMasking() throws Exception {
        RawHttp.Response response = call("/plain/echo");

        assertEquals(200, response.status());
        assertNoSecret(response);
        assertTrue(response.body().contains("Bearer [REDACTED"), response.body());
        assertTrue(response.header("X-Echo").startsWith("Bearer [REDACTED"));
        assertEchoesRecorded("/echo", 2);
    }

    @Test
    void scrubsTheEchoAfterMasking() throws Exception {
        RawHttp.Response response = call("/masked/echo");

        assertEquals(200, response.status());
        assertNoSecret(response);
        assertFalse(response.body().contains("123"), "the masking rules still apply");
        assertTrue(response.body().contains("[REDACTED"));
    }

    @Test
    void scrubsTheEchoFromAGzipBodyAndSendsItPlain() throws Exception {
        upstream.respondWith((request, body) -> {
            byte[] gzipped = gzip(("echo: " + request.getHeader("Authorization")).repeat(3));
            HttpServerResponse response = request.response().setChunked(true)
                    .putHeader("Content-Type", "text/plain").putHeader("Content-Encoding", "gzip");
            writeInPieces(response, Buffer.buffer(gzipped), 5);
        });
        RawHttp.Response response = call("/plain/echo");

        assertEquals(200, response.status());
        assertEquals(null, response.header("Content-Encoding"));
        assertNoSecret(response);
        assertTrue(response.body().startsWith("echo: Bearer [REDACTED"), response.body());
    }

    @Test
    void keepsTheContentLengthTrueWhenTheBodyHasOne() throws Exception {
        upstream.respondWith((request, body) -> request.response().putHeader("Content-Type", "text/plain")
                .end("token=" + request.getHeader("Authorization").substring(7) + ";"));
        RawHttp.Response response = call("/plain/echo");

        assertEquals(Integer.toString(("token=" + SECRET + ";").length()), response.header("Content-Length"));
        assertNoSecret(response);
    }

    @Test
    void refusesABodyInAnEncodingThatCannotBeSearched() throws Exception {
        upstream.respondWith((request, body) -> request.response().putHeader("Content-Encoding", "br").end("opaque"));
        RawHttp.Response response = call("/plain/echo");

        assertEquals(502, response.status());
        assertEquals("application/problem+json", response.header("Content-Type"));
    }

    @Test
    void asksTheUpstreamForAPlainBody() throws Exception {
        try (RawHttp connection = proxy.connect()) {
            connection.send("GET /plain/x HTTP/1.1\r\nHost: gw\r\nAccept-Encoding: br, gzip\r\nAuthorization: Bearer "
                    + proxy.token() + "\r\n\r\n").read();
        }
        assertEquals("identity", upstream.received().get(upstream.received().size() - 1).headers().get("Accept-Encoding"));
    }

    private static String upstreamAuthorizationAfter(String path) {
        try {
            call(path);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return upstream.received().get(upstream.received().size() - 1).headers().get("Authorization");
    }

    private static RawHttp.Response call(String path) throws Exception {
        try (RawHttp connection = proxy.connect()) {
            return connection.send("GET " + path + " HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + proxy.token() + "\r\n\r\n").read();
        }
    }

    private static void assertNoSecret(RawHttp.Response response) {
        assertFalse(response.body().contains(SECRET), response.body());
        response.headers().forEach((name, value) -> assertFalse(value.contains(SECRET) || name.contains(SECRET), name));
    }

    private static void assertEchoesRecorded(String path, int echoes) {
        List<CallRecord> records = proxy.auditRecords().stream().filter(r -> path.equals(r.path().replaceFirst("^/[^/]+", ""))).toList();
        CallRecord last = records.get(records.size() - 1);
        assertEquals(echoes, last.maskedValues().get(EchoScrubbing.AUDIT_RULE_NAME));
        assertTrue(proxy.metrics().find("gatehouse.proxy.credential.echoes.scrubbed").counter().count() >= echoes);
    }

    /** Writes {@code body} in pieces of {@code size} bytes, each after the previous one was flushed. */
    private static void writeInPieces(HttpServerResponse response, Buffer body, int size) {
        Future<Void> previous = Future.succeededFuture();
        for (int from = 0; from < body.length(); from += size) {
            Buffer piece = body.slice(from, Math.min(body.length(), from + size));
            previous = previous.compose(written -> response.write(piece));
        }
        previous.onComplete(written -> response.end());
    }

    private static byte[] gzip(String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream gzip = new GZIPOutputStream(bytes)) {
            gzip.write(text.getBytes(StandardCharsets.UTF_8));
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }
}
