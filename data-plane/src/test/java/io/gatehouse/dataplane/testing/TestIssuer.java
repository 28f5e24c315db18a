package io.gatehouse.dataplane.testing;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** An OIDC issuer for tests: discovery and JWKS over HTTP, and tokens signed with its RSA key. */
public final class TestIssuer {

    private final RsaJsonWebKey signingKey;
    private final HttpServer server;
    private final String url;

    private TestIssuer(RsaJsonWebKey signingKey, HttpServer server) {
        this.signingKey = signingKey;
        this.server = server;
        this.url = "http://127.0.0.1:" + server.actualPort() + "/ci";
    }

    public static TestIssuer start(Vertx vertx) throws Exception {
        RsaJsonWebKey key = RsaJwkGenerator.generateJwk(2048);
        key.setKeyId("test-key");
        String[] self = new String[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().endsWith("/.well-known/openid-configuration")) {
                request.response().end(new JsonObject().put("issuer", self[0]).put("jwks_uri", self[0] + "/jwks").encode());
            } else if (request.path().endsWith("/jwks")) {
                request.response().end(new JsonObject().put("keys", new JsonArray()
                        .add(new JsonObject(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY)))).encode());
            } else {
                request.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        TestIssuer issuer = new TestIssuer(key, server);
        self[0] = issuer.url;
        return issuer;
    }

    public String url() {
        return url;
    }

    /** Claims an identity bound as in {@code PolicyFixtures.identity(name, ...)} would present. */
    public JwtClaims claimsFor(String identity) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(url);
        claims.setAudience("gatehouse");
        claims.setClaim("repository", "acme/" + identity);
        claims.setIssuedAtToNow();
        claims.setExpirationTime(NumericDate.fromSeconds(Instant.now().plusSeconds(600).getEpochSecond()));
        return claims;
    }

    public String tokenFor(String identity) {
        return sign(claimsFor(identity), Map.of());
    }

    /** Signs {@code claims} with the issuer's key, with extra protected header parameters (typ, crit…). */
    public String sign(JwtClaims claims, Map<String, Object> extraHeaders) {
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(signingKey.getPrivateKey());
        jws.setKeyIdHeaderValue(signingKey.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        extraHeaders.forEach(jws.getHeaders()::setObjectHeaderValue);
        try {
            return jws.getCompactSerialization();
        } catch (org.jose4j.lang.JoseException e) {
            throw new IllegalStateException(e);
        }
    }

    public void stop() {
        server.close();
    }
}
