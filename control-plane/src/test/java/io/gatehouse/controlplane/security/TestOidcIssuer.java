package io.gatehouse.controlplane.security;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A minimal OIDC issuer for tests: discovery and a JWKS over HTTP on a free local port, and tokens signed with its
 * EC key (or with a key it does not publish, to forge them).
 */
public final class TestOidcIssuer implements AutoCloseable {

    private final HttpServer server;
    private final String issuer;
    private final EllipticCurveJsonWebKey key;
    private final AtomicInteger jwksFetches = new AtomicInteger();

    private TestOidcIssuer(HttpServer server, EllipticCurveJsonWebKey key) {
        this.server = server;
        this.key = key;
        this.issuer = "http://127.0.0.1:" + server.getAddress().getPort() + "/ci";
    }

    public static TestOidcIssuer start() throws IOException, JoseException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        TestOidcIssuer issuer = new TestOidcIssuer(server, newKey("ci-key-1"));
        server.createContext("/ci/.well-known/openid-configuration", exchange -> issuer.answer(exchange,
                "{\"issuer\":\"" + issuer.issuer + "\",\"jwks_uri\":\"" + issuer.issuer + "/jwks\"}"));
        server.createContext("/ci/jwks", exchange -> {
            issuer.jwksFetches.incrementAndGet();
            issuer.answer(exchange, new JsonWebKeySet(issuer.key).toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        });
        server.start();
        return issuer;
    }

    public String issuer() {
        return issuer;
    }

    public int jwksFetches() {
        return jwksFetches.get();
    }

    /** A token of this issuer for {@code audience}, valid from now for {@code seconds}, with {@code claims}. */
    public String token(String subject, String audience, long seconds, Map<String, Object> claims) {
        return sign(key, issuer, subject, audience, Instant.now(), seconds, claims);
    }

    /** A token that claims this issuer but is signed with a key the issuer does not publish, named {@code kid}. */
    public String forgedToken(String kid, String subject, String audience, Map<String, Object> claims) throws JoseException {
        return sign(newKey(kid), issuer, subject, audience, Instant.now(), 300, claims);
    }

    /** A token of this issuer issued at {@code issuedAt}. */
    public String tokenIssuedAt(Instant issuedAt, String subject, String audience, long seconds, Map<String, Object> claims) {
        return sign(key, issuer, subject, audience, issuedAt, seconds, claims);
    }

    private static String sign(EllipticCurveJsonWebKey key, String issuer, String subject, String audience,
                               Instant issuedAt, long seconds, Map<String, Object> claims) {
        JwtClaims jwt = new JwtClaims();
        jwt.setIssuer(issuer);
        jwt.setSubject(subject);
        jwt.setAudience(audience);
        jwt.setIssuedAt(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.getEpochSecond()));
        jwt.setExpirationTime(org.jose4j.jwt.NumericDate.fromSeconds(issuedAt.getEpochSecond() + seconds));
        claims.forEach(jwt::setClaim);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(jwt.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    private static EllipticCurveJsonWebKey newKey(String kid) throws JoseException {
        EllipticCurveJsonWebKey key = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        key.setKeyId(kid);
        return key;
    }

    private void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
