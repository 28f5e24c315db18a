package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.dataplane.testing.ProxyTestBed;
import io.gatehouse.dataplane.testing.RawHttp2;
import io.gatehouse.dataplane.testing.RecordingUpstream;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpVersion;
import io.vertx.core.http.RequestOptions;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The proxy listener with TLS: callers speak HTTP/2 (ALPN h2) or HTTP/1.1, the upstream always gets HTTP/1.1;
 * malformed HTTP/2 requests (fields a line parser would split, connection-specific fields, disagreeing
 * authorities) never reach the upstream; HTTP/1.1 over TLS keeps the strict framing guard.
 */
class Http2ThroughProxyTest {

    private static final String SECRET = "h2-upstream-secret-5521";

    private static Vertx vertx;
    private static RecordingUpstream upstream;
    private static ProxyTestBed proxy;
    private static HttpClient h2;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        upstream = RecordingUpstream.start(vertx);
        upstream.respondWith((request, body) -> request.response().putHeader("Content-Type", "text/plain")
                .end("version=" + request.version() + " host=" + request.getHeader("Host") + " body=" + body.toString()
                        + " auth=" + request.getHeader("Authorization")));
        proxy = ProxyTestBed.builder().vertx(vertx).credential(SECRET)
                .resource(new Resource("api", "/api", upstream.uri(), CredentialInjection.of(InjectionStyle.BEARER),
                        MaskingPolicy.NONE, Duration.ofSeconds(10), null))
                .setting("gatehouse.proxy.tls.cert-file", pem("proxy-cert.pem"))
                .setting("gatehouse.proxy.tls.key-file", pem("proxy-key.pem"))
                .start();
        h2 = vertx.createHttpClient(new HttpClientOptions().setProtocolVersion(HttpVersion.HTTP_2).setSsl(true)
                .setUseAlpn(true).setTrustAll(true).setVerifyHost(false));
    }

    @AfterAll
    static void stop() throws Exception {
        proxy.close();
    }

    @Test
    void anHttp2CallerIsServedOverHttp2AndTheUpstreamGetsHttp11WithTheInjectedCredential() throws Exception {
        String body = await(h2.request(options(HttpMethod.GET, "/api/items"))
                .compose(request -> request.putHeader("Authorization", "Bearer " + proxy.token()).send())
                .compose(response -> response.body().map(bytes -> response.version() + " " + response.statusCode() + " " + bytes)));

        assertTrue(body.startsWith("HTTP_2 200 "), body);
        body = body.substring("HTTP_2 200 ".length());
        assertTrue(body.startsWith("version=HTTP_1_1 host=" + upstream.uri().getHost() + ":" + upstream.uri().getPort()), body);
        assertFalse(body.contains(SECRET), "the echoed credential is scrubbed: " + body);
        assertTrue(body.contains("auth=Bearer [REDACTED"), body);
    }

    @Test
    void anHttp2BodyWithoutContentLengthIsStreamedToTheUpstreamWhole() throws Exception {
        String body = await(h2.request(options(HttpMethod.POST, "/api/orders")).compose(request -> {
            request.putHeader("Authorization", "Bearer " + proxy.token()).setChunked(true);
            io.vertx.core.Future<String> answer = request.response()
                    .compose(response -> response.body().map(bytes -> response.statusCode() + " " + bytes));
            request.write("first-part;");
            request.write("second-part");
            request.end();
            return answer;
        }));

        assertTrue(body.startsWith("200 "), body);
        assertTrue(body.contains("body=first-part;second-part"), body);
    }

    @Test
    void anHttp2CallWithoutTokenGetsProblemJsonOverHttp2() throws Exception {
        HttpClientResponse response = await(h2.request(options(HttpMethod.GET, "/api/items")).compose(request -> request.send()));

        assertEquals(401, response.statusCode());
        assertEquals(HttpVersion.HTTP_2, response.version());
        assertEquals("application/problem+json", response.getHeader("Content-Type"));
    }

    @Test
    void malformedHttp2RequestsNeverReachTheUpstream() throws Exception {
        String token = "Bearer " + proxy.token();
        String[][] malformed = {
                {"x-note", "a\r\nx-injected: yes"},
                {"x-note", "a\nb"},
                {"X-Upper", "case"},
                {"connection", "keep-alive"},
                {"transfer-encoding", "chunked"},
                {"te", "gzip"},
                {"x-note", " padded"},
                {"host", "other.example"},
        };
        for (String[] field : malformed) {
            // one connection each: some of them are connection errors (GOAWAY) in Netty's codec
            try (RawHttp2 client = RawHttp2.connect(proxy.port())) {
                int before = upstream.received().size();
                RawHttp2.Answer answer = client.send(RawHttp2.request("GET", "/api/m2", "authorization", token,
                        field[0], field[1]), null);

                assertNotEquals(200, answer.status(), field[0] + ": " + answer);
                assertTrue(answer.status() == 400 || answer.resetCode() >= 0 || answer.connectionClosed(),
                        field[0] + ": " + answer);
                assertEquals(before, upstream.received().size(), field[0] + " reached the upstream");
            }
        }
        try (RawHttp2 client = RawHttp2.connect(proxy.port())) {
            RawHttp2.Answer wellFormed = client.send(RawHttp2.request("GET", "/api/m2", "authorization", token, "te", "trailers"), null);
            assertEquals(200, wellFormed.status(), wellFormed.toString());
        }
    }

    @Test
    void aBodyLongerThanItsContentLengthIsRefused() throws Exception {
        int before = upstream.received().size();
        try (RawHttp2 client = RawHttp2.connect(proxy.port())) {
            RawHttp2.Answer answer = client.send(RawHttp2.request("POST", "/api/cl", "authorization", "Bearer " + proxy.token(),
                    "content-length", "3"), "more than three bytes");

            assertNotEquals(200, answer.status(), answer.toString());
        }
        assertTrue(upstream.received().stream().skip(before).noneMatch(call -> call.uri().equals("/cl")
                && call.headers().contains("x-body-seen")), "no whole request with a longer body was sent");
    }

    @Test
    void http11OverTlsKeepsTheStrictFramingGuard() throws Exception {
        SSLContext tls = SSLContext.getInstance("TLS");
        tls.init(null, new TrustManager[] {new TrustingManager()}, null);
        try (SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", proxy.port())) {
            OutputStream out = socket.getOutputStream();
            out.write(("POST /api/smuggle HTTP/1.1\r\nHost: gw\r\nAuthorization: Bearer " + proxy.token()
                    + "\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            String head = new String(in.readNBytes(12), StandardCharsets.US_ASCII);

            assertEquals("HTTP/1.1 400", head);
        }
        assertNull(upstream.received().stream().filter(call -> call.uri().equals("/smuggle")).findFirst().orElse(null));
    }

    private static RequestOptions options(HttpMethod method, String uri) {
        return new RequestOptions().setMethod(method).setHost("127.0.0.1").setPort(proxy.port()).setURI(uri);
    }

    private static <T> T await(io.vertx.core.Future<T> future) throws Exception {
        return future.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String pem(String name) throws Exception {
        return Path.of(Http2ThroughProxyTest.class.getResource("/tls/" + name).toURI()).toString();
    }

    /** Trusts the test certificate (and any other): test use only. */
    private static final class TrustingManager implements X509TrustManager {
        @Override
        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        @Override
        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
