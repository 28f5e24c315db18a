package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Raw bytes against the running proxy: every request whose framing two parsers could read
 * differently is refused with a problem+json answer, the connection is closed, and the upstream
 * never sees the request smuggled behind it (nor, for a bad head, the request itself).
 * <p>
 * Each case carries a valid token and a valid route, so that a case that slipped through would
 * reach the upstream. {@code /demo/smuggled} marks bytes that a lenient parser would take for a
 * second request.
 */
class RequestSmugglingTest {

    private static final int MAX_HEADER_SIZE = 4096;
    private static final int MAX_REQUEST_LINE = 1024;
    private static final String SMUGGLED = "GET /demo/smuggled HTTP/1.1\r\nHost: upstream\r\n\r\n";

    private static Vertx vertx;
    private static RecordingUpstream upstream;
    private static ProxyTestBed proxy;
    private static String auth;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = RecordingUpstream.start(vertx);
        proxy = ProxyTestBed.builder().vertx(vertx).resource("demo", upstream.uri())
                .setting("gatehouse.proxy.max-header-size", Integer.toString(MAX_HEADER_SIZE))
                .setting("gatehouse.proxy.max-initial-line-length", Integer.toString(MAX_REQUEST_LINE))
                .start();
        auth = "Authorization: Bearer " + proxy.token() + "\r\n";
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
    }

    @BeforeEach
    void forgetEarlierRequests() {
        upstream.clear();
    }

    static Stream<Arguments> malformedRequests() {
        String post = "POST /demo/upload HTTP/1.1\r\nHost: gw\r\n";
        return Stream.of(
                // CL.TE / TE.CL: Netty on its own drops Content-Length and reads the chunked body
                Arguments.of("Content-Length with Transfer-Encoding", 400,
                        post + "Content-Length: 5\r\nTransfer-Encoding: chunked\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("Transfer-Encoding with Content-Length after it", 400,
                        post + "Transfer-Encoding: chunked\r\nContent-Length: 48\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("Transfer-Encoding: chunked, identity", 400,
                        post + "Transfer-Encoding: chunked, identity\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("Transfer-Encoding: xchunked", 400,
                        post + "Transfer-Encoding: xchunked\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("Transfer-Encoding: identity", 400,
                        post + "Transfer-Encoding: identity\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("two Transfer-Encoding headers", 400,
                        post + "Transfer-Encoding: chunked\r\nTransfer-Encoding: chunked\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("Transfer-Encoding: chunked, chunked", 400,
                        post + "Transfer-Encoding: chunked, chunked\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("Transfer-Encoding with an empty list element", 400,
                        post + "Transfer-Encoding: ,chunked\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("Transfer-Encoding: gzip, chunked (well-formed, not supported)", 501,
                        post + "Transfer-Encoding: gzip, chunked\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("Transfer-Encoding in HTTP/1.0", 400,
                        "POST /demo/upload HTTP/1.0\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("obs-fold continuation of Transfer-Encoding", 400,
                        post + "Transfer-Encoding:\r\n chunked\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("obs-fold with a tab", 400,
                        "GET /demo/a HTTP/1.1\r\nHost: gw\r\nX-Note: a\r\n\tb\r\n%AUTH%\r\n"),
                Arguments.of("bare LF between headers", 400,
                        "GET /demo/a HTTP/1.1\r\nHost: gw\nX-Note: a\r\n%AUTH%\r\n"),
                Arguments.of("bare LF ending the request line", 400,
                        "GET /demo/a HTTP/1.1\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("bare CR inside a header line", 400,
                        "GET /demo/a HTTP/1.1\r\nHost: gw\r\nX-Note: a\rTransfer-Encoding: chunked\r\n%AUTH%\r\n"),
                Arguments.of("bare LF ending the head", 400,
                        "GET /demo/a HTTP/1.1\r\nHost: gw\r\n%AUTH%\n" + SMUGGLED),
                Arguments.of("two Content-Length headers that differ", 400,
                        post + "Content-Length: 5\r\nContent-Length: 52\r\n%AUTH%\r\nhello" + SMUGGLED),
                Arguments.of("two equal Content-Length headers", 400,
                        post + "Content-Length: 5\r\nContent-Length: 5\r\n%AUTH%\r\nhello"),
                Arguments.of("Content-Length list 5,52", 400,
                        post + "Content-Length: 5,52\r\n%AUTH%\r\nhello" + SMUGGLED),
                Arguments.of("Content-Length +5", 400, post + "Content-Length: +5\r\n%AUTH%\r\nhello"),
                Arguments.of("Content-Length -1", 400, post + "Content-Length: -1\r\n%AUTH%\r\n"),
                Arguments.of("Content-Length not a number", 400, post + "Content-Length: five\r\n%AUTH%\r\nhello"),
                Arguments.of("Content-Length in hex", 400, post + "Content-Length: 0x5\r\n%AUTH%\r\nhello"),
                Arguments.of("Content-Length overflowing a long", 400,
                        post + "Content-Length: 99999999999999999999999\r\n%AUTH%\r\nhello"),
                Arguments.of("whitespace before the colon of Content-Length", 400,
                        post + "Content-Length : 5\r\nTransfer-Encoding: chunked\r\n%AUTH%\r\n0\r\n\r\n" + SMUGGLED),
                Arguments.of("whitespace before the colon of Transfer-Encoding", 400,
                        post + "Transfer-Encoding : chunked\r\nContent-Length: 5\r\n%AUTH%\r\nhello" + SMUGGLED),
                Arguments.of("a header name that is not a token", 400,
                        "GET /demo/a HTTP/1.1\r\nHost: gw\r\nX[Note]: a\r\n%AUTH%\r\n"),
                Arguments.of("a NUL in a header value", 400,
                        "GET /demo/a HTTP/1.1\r\nHost: gw\r\nX-Note: a\0b\r\n%AUTH%\r\n"),
                Arguments.of("no Host in HTTP/1.1", 400, "GET /demo/a HTTP/1.1\r\n%AUTH%\r\n"),
                Arguments.of("two Host headers", 400, "GET /demo/a HTTP/1.1\r\nHost: gw\r\nHost: evil\r\n%AUTH%\r\n"),
                Arguments.of("absolute-form target", 400, "GET http://evil.example/demo/a HTTP/1.1\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("asterisk-form target", 400, "OPTIONS * HTTP/1.1\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("authority-form target", 400, "CONNECT evil.example:443 HTTP/1.1\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("target starting with //", 400, "GET //evil.example/demo/a HTTP/1.1\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("two spaces in the request line", 400, "GET  /demo/a HTTP/1.1\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("tab in the request line", 400, "GET\t/demo/a HTTP/1.1\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("non-ASCII in the target", 400, "GET /demo/\u00e9 HTTP/1.1\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("HTTP/0.9 request line", 400, "GET /demo/a\r\n\r\n"),
                Arguments.of("HTTP/2.0 in an HTTP/1 request line", 505, "GET /demo/a HTTP/2.0\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("unknown version HTTP/1.2", 505, "GET /demo/a HTTP/1.2\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("malformed version", 400, "GET /demo/a HTTPS/1.1\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("lower-case version", 400, "GET /demo/a http/1.1\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("HTTP/2 prior-knowledge preface", 400, "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"),
                Arguments.of("oversized URI", 414,
                        "GET /demo/" + "a".repeat(MAX_REQUEST_LINE) + " HTTP/1.1\r\nHost: gw\r\n%AUTH%\r\n"),
                Arguments.of("oversized header section", 431,
                        "GET /demo/a HTTP/1.1\r\nHost: gw\r\n%AUTH%X-Big: " + "b".repeat(MAX_HEADER_SIZE) + "\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("malformedRequests")
    void refusesMalformedFramingBeforeTheUpstream(String name, int expectedStatus, String request) throws Exception {
        try (RawHttp connection = proxy.connect()) {
            RawHttp.Response response = connection.send(request.replace("%AUTH%", auth)).read();

            assertEquals(expectedStatus, response.status(), name);
            assertProblem(response, expectedStatus);
            assertTrue(connection.closedByServer(), "the connection is closed after: " + name);
        }
        assertUpstreamSawOnlyACanary();
    }

    static Stream<Arguments> malformedChunkedBodies() {
        return Stream.of(
                Arguments.of("non-hex chunk size", "zz\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("negative chunk size", "-5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size with a sign", "+5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size in 0x notation", "0x5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("overflowing chunk size", "1" + "0".repeat(16) + "\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size past what Netty reads (2 GiB)", "80000000\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("whitespace before the chunk size", " 5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("whitespace after the chunk size", "5 \r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk size followed by garbage", "5x\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("bare LF inside a chunk extension", "5;a=b\nX\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("bare LF after the chunk size", "5\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk extension abuse (longer than a line may be)", "5;" + "e=x;".repeat(400) + "\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("control character in a chunk extension", "5;a=\u0001\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk data longer than its size", "3\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("chunk data not followed by CRLF", "5\r\nhelloXX0\r\n\r\n"),
                Arguments.of("obs-fold in the trailers", "5\r\nhello\r\n0\r\nX-T: a\r\n b\r\n\r\n"),
                Arguments.of("trailer without colon", "5\r\nhello\r\n0\r\nnot a trailer\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedChunkedBodies")
    void refusesMalformedChunkedBodies(String name, String body) throws Exception {
        String head = "POST /demo/upload HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n" + auth + "\r\n";
        try (RawHttp connection = proxy.connect()) {
            RawHttp.Response response = connection.send(head + body + SMUGGLED).read();

            assertEquals(400, response.status(), name);
            assertProblem(response, 400);
            assertTrue(connection.closedByServer(), "the connection is closed after: " + name);
        }
        // the valid head may have been forwarded (streaming), its body cut off; nothing after it
        List<String> seen = assertUpstreamSawOnlyACanaryAnd("/upload");
        assertFalse(seen.contains("/smuggled"));
    }

    @Test
    void aValidChunkedRequestWithExtensionsAndTrailersPassesAndKeepsTheConnection() throws Exception {
        try (RawHttp connection = proxy.connect()) {
            RawHttp.Response first = connection.send("POST /demo/upload HTTP/1.1\r\nHost: gw\r\nTransfer-Encoding: chunked\r\n"
                    + auth + "\r\n5;name=\"v a\"\r\nhello\r\n0\r\nX-Checksum: 1\r\n\r\n").read();
            RawHttp.Response second = connection.send("GET /demo/second HTTP/1.1\r\nHost: gw\r\n" + auth + "\r\n").read();

            assertEquals(200, first.status());
            assertEquals(200, second.status());
        }
        assertEquals(List.of("/upload", "/second"), upstream.receivedUris());
    }

    @Test
    void aValidPipelinedRequestIsAnsweredBeforeTheRefusalOfTheMalformedOneBehindIt() throws Exception {
        try (RawHttp connection = proxy.connect()) {
            connection.send("POST /demo/first HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\n" + auth + "\r\nhello"
                    + "POST /demo/smuggled HTTP/1.1\r\nHost: gw\r\nContent-Length: 5\r\nTransfer-Encoding: chunked\r\n" + auth
                    + "\r\n0\r\n\r\n" + SMUGGLED);
            RawHttp.Response first = connection.read();
            RawHttp.Response second = connection.read();

            assertEquals(200, first.status());
            assertEquals(400, second.status());
            assertProblem(second, 400);
            assertTrue(connection.closedByServer());
        }
        assertEquals(List.of("/first"), assertUpstreamSawOnlyACanaryAnd("/first"));
    }

    @Test
    void emptyLinesBeforeARequestLineAreTolerated() throws Exception {
        try (RawHttp connection = proxy.connect()) {
            RawHttp.Response response = connection.send("\r\nGET /demo/a HTTP/1.1\r\nHost: gw\r\n" + auth + "\r\n").read();
            assertEquals(200, response.status());
        }
    }

    private static void assertProblem(RawHttp.Response response, int status) {
        assertEquals("application/problem+json", response.header("Content-Type"));
        JsonObject problem = new JsonObject(response.body());
        assertEquals(status, problem.getInteger("status"));
        assertFalse(problem.getString("detail").isBlank());
        assertFalse(response.body().contains(proxy.token().substring(0, 20)), "the answer does not echo the request");
        assertTrue(response.header("X-Gatehouse-Request-Id") != null);
    }

    private static void assertUpstreamSawOnlyACanary() throws Exception {
        assertUpstreamSawOnlyACanaryAnd();
    }

    /**
     * Sends a valid request on a new connection and waits for its answer: the upstream has then
     * seen it, and whatever a refused connection had passed on before. Returns the resource paths
     * seen before the canary.
     */
    private static List<String> assertUpstreamSawOnlyACanaryAnd(String... allowed) throws Exception {
        try (RawHttp canary = proxy.connect()) {
            assertEquals(200, canary.send("GET /demo/canary HTTP/1.1\r\nHost: gw\r\n" + auth + "\r\n").read().status());
        }
        List<String> seen = upstream.receivedUris().stream().filter(uri -> !uri.equals("/canary")).toList();
        assertTrue(List.of(allowed).containsAll(seen), "the upstream saw only " + List.of(allowed) + " but saw " + seen);
        return seen;
    }
}
