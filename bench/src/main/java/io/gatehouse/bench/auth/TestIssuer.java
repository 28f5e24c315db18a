package io.gatehouse.bench.auth;

import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.keys.EllipticCurves;

import java.util.concurrent.TimeUnit;

/** An OIDC issuer on a local port: discovery, a JWKS with one RSA 2048 and one P-256 key, and tokens it signs. */
final class TestIssuer {

    private final String url;
    private final RsaJsonWebKey rsa;
    private final EllipticCurveJsonWebKey ec;

    private TestIssuer(String url, RsaJsonWebKey rsa, EllipticCurveJsonWebKey ec) {
        this.url = url;
        this.rsa = rsa;
        this.ec = ec;
    }

    static TestIssuer start(Vertx vertx) throws Exception {
        RsaJsonWebKey rsa = RsaJwkGenerator.generateJwk(2048);
        rsa.setKeyId("rsa-1");
        EllipticCurveJsonWebKey ec = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        ec.setKeyId("ec-1");
        String jwks = new JsonObject().put("keys", new JsonArray()
                .add(publicJwk(rsa, AlgorithmIdentifiers.RSA_USING_SHA256))
                .add(publicJwk(ec, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256))).encode();
        String[] discovery = new String[1];
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            String body = request.path().endsWith("/jwks") ? jwks : discovery[0];
            request.response().putHeader("Content-Type", "application/json").end(body);
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        String url = "http://127.0.0.1:" + server.actualPort();
        discovery[0] = new JsonObject().put("issuer", url).put("jwks_uri", url + "/jwks").encode();
        return new TestIssuer(url, rsa, ec);
    }

    private static JsonObject publicJwk(PublicJsonWebKey key, String algorithm) {
        JsonObject jwk = new JsonObject(key.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
        return jwk.put("use", "sig").put("alg", algorithm);
    }

    String url() {
        return url;
    }

    /** The public key that verifies this issuer's tokens of {@code algorithm} (RS256 or ES256). */
    java.security.PublicKey publicKey(String algorithm) {
        return algorithm.equals("RS256") ? rsa.getPublicKey() : ec.getPublicKey();
    }

    /** A token valid for an hour for the benchmark's audience, with {@code repository} and a distinct {@code jti}. */
    String token(String algorithm, String repository, String jti) throws Exception {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(url);
        claims.setAudience(BoundIdentities.AUDIENCE);
        claims.setSubject("repo:" + repository + ":ref:refs/heads/main");
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(60);
        claims.setJwtId(jti);
        claims.setClaim(BoundIdentities.CLAIM, repository);
        claims.setClaim("ref", "refs/heads/main");
        PublicJsonWebKey key = algorithm.equals("RS256") ? rsa : ec;
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setHeader("typ", "JWT");
        jws.setAlgorithmHeaderValue(algorithm.equals("RS256") ? AlgorithmIdentifiers.RSA_USING_SHA256
                : AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        return jws.getCompactSerialization();
    }
}
