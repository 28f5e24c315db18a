package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp;
import io.gatehouse.dataplane.testing.RawUpstream;
import io.vertx.core.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * An upstream that answers with a response two parsers could read differently gets the caller a
 * 502 problem (never the response), and the connection it answered on is not used again: its
 * next bytes could be anything.
 */
class MalformedUpstreamResponseTest {

    private static RawUpstream upstream;
    private static ProxyTestBed proxy;

    @BeforeAll
    static void start() throws Exception {
        upstream = RawUpstream.start();
        proxy = ProxyTestBed.builder().resource("raw", upstream.uri()).start();
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
        upstream.close();
    }

    static Stream<Arguments> malformedResponses() {
        return Stream.of(
                Arguments.of("Content-Length with Transfer-Encoding",
                        "HTTP/1.1 200 OK\r\nContent-Length: 3\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("two different Content-Length headers",
                        "HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Length: 5\r\n\r\nhello"),
                Arguments.of("Content-Length not a number", "HTTP/1.1 200 OK\r\nContent-Length: five\r\n\r\nhello"),
                Arguments.of("Transfer-Encoding other than chunked",
                        "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked, identity\r\n\r\n5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("non-hex chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("negative chunk size", "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n-5\r\nhello\r\n0\r\n\r\n"),
                Arguments.of("invalid status line", "HTTP/1.1 OK\r\nContent-Length: 2\r\n\r\nok"),
                Arguments.of("status out of range", "HTTP/1.1 999 Odd\r\nContent-Length: 2\r\n\r\nok"),
                Arguments.of("not HTTP at all", "SSH-2.0-OpenSSH_9.6\r\n\r\n"),
                Arguments.of("obs-fold in a response header",
                        "HTTP/1.1 200 OK\r\nX-Note: a\r\n b\r\nContent-Length: 2\r\n\r\nok"),
                Arguments.of("whitespace before a colon", "HTTP/1.1 200 OK\r\nContent-Length : 2\r\n\r\nok"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("malformedResponses")
    void answers502AndDoesNotReuseTheConnection(String name, String malformed) throws Exception {
        upstream.answerWith(malformed);
        RawHttp.Response refused = call();

        assertEquals(502, refused.status(), name);
        assertEquals("application/problem+json", refused.header("Content-Type"));
        assertEquals(502, new JsonObject(refused.body()).getInteger("status"));
        assertFalse(refused.body().contains("hello"));

        upstream.answerWith("HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok");
        RawHttp.Response next = call();

        assertEquals(200, next.status());
        List<Integer> connections = upstream.requestConnections();
        assertNotEquals(connections.get(connections.size() - 2), connections.get(connections.size() - 1),
                "the next call uses a new upstream connection after: " + name);
    }

    private static RawHttp.Response call() throws Exception {
        try (RawHttp connection = proxy.connect()) {
            return connection.send("GET /raw/thing HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + proxy.token() + "\r\n\r\n").read();
        }
    }
}
