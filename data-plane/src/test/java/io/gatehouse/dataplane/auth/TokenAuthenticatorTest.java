package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.policy.IdentityStatus;
import io.gatehouse.dataplane.policy.PolicySnapshot;
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
import org.jose4j.keys.HmacKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static io.gatehouse.dataplane.PolicyFixtures.identity;
import static io.gatehouse.dataplane.PolicyFixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Verifies tokens against a real HTTP issuer (discovery + JWKS) served by this test. */
class TokenAuthenticatorTest {

    private static Vertx vertx;
    private static HttpServer issuerServer;
    private static String issuer;
    private static RsaJsonWebKey signingKey;
    private static RsaJsonWebKey rotatedKey;
    private static volatile List<RsaJsonWebKey> published;
    private static final AtomicInteger jwksFetches = new AtomicInteger();

    private static PolicySnapshot policy;
    private TokenAuthenticator authenticator;

    @BeforeAll
    static void startIssuer() throws Exception {
        signingKey = RsaJwkGenerator.generateJwk(2048);
        signingKey.setKeyId("key-1");
        rotatedKey = RsaJwkGenerator.generateJwk(2048);
        rotatedKey.setKeyId("key-2");
        published = List.of(signingKey);
        vertx = Vertx.vertx();
        issuerServer = vertx.createHttpServer().requestHandler(request -> {
            if (request.path().endsWith("/.well-known/openid-configuration")) {
                request.response().end(new JsonObject().put("issuer", issuer).put("jwks_uri", issuer + "/jwks").encode());
            } else if (request.path().endsWith("/jwks")) {
                jwksFetches.incrementAndGet();
                JsonArray keys = new JsonArray();
                published.forEach(k -> keys.add(new JsonObject(k.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY))));
                request.response().end(new JsonObject().put("keys", keys).encode());
            } else {
                request.response().setStatusCode(404).end();
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        issuer = "http://127.0.0.1:" + issuerServer.actualPort() + "/ci";
        policy = policy(issuer, identity("deploy", issuer, IdentityStatus.ACTIVE, Instant.now().plusSeconds(3600)));
    }

    @AfterAll
    static void stopIssuer() {
        vertx.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void newAuthenticator() {
        authenticator = new TokenAuthenticator(vertx, Duration.ofMillis(0), Duration.ofSeconds(30), 16384,
                List.of("JWT", "at+jwt", "application/at+jwt"));
        published = List.of(signingKey);
    }

    @Test
    void resolvesAValidTokenToItsIdentity() throws Exception {
        AuthenticatedCaller caller = authenticate(sign(claims("acme/deploy", "gatehouse"), signingKey));
        assertEquals("deploy", caller.identity().name());
    }

    @Test
    void refusesAWrongAudienceOrClaim() throws Exception {
        assertRefused(sign(claims("acme/deploy", "other"), signingKey), "no identity is bound");
        assertRefused(sign(claims("acme/other", "gatehouse"), signingKey), "no identity is bound");
    }

    @Test
    void refusesExpiredTokens() throws Exception {
        JwtClaims expired = claims("acme/deploy", "gatehouse");
        expired.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(120).getEpochSecond()));
        assertRefused(sign(expired, signingKey), "expired");
    }

    @Test
    void refusesTokensIssuedInTheFuture() throws Exception {
        JwtClaims fromTheFuture = claims("acme/deploy", "gatehouse");
        fromTheFuture.setIssuedAt(NumericDate.fromSeconds(Instant.now().plusSeconds(3600).getEpochSecond()));
        fromTheFuture.setExpirationTime(NumericDate.fromSeconds(Instant.now().plusSeconds(7200).getEpochSecond()));
        assertRefused(sign(fromTheFuture, signingKey), "refused");
    }

    @Test
    void refusesUntrustedIssuersWithoutFetchingAnything() throws Exception {
        JwtClaims foreign = claims("acme/deploy", "gatehouse");
        foreign.setIssuer("https://evil.example");
        assertRefused(sign(foreign, signingKey), "not trusted");
    }

    @Test
    void refusesUnsignedAndHmacTokensIncludingKeyConfusion() throws Exception {
        JsonWebSignature none = new JsonWebSignature();
        none.setPayload(claims("acme/deploy", "gatehouse").toJson());
        none.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        none.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        assertRefused(none.getCompactSerialization(), "refused");

        JsonWebSignature confused = new JsonWebSignature();
        confused.setPayload(claims("acme/deploy", "gatehouse").toJson());
        confused.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        confused.setKeyIdHeaderValue("key-1");
        confused.setKey(new HmacKey(signingKey.getPublicKey().getEncoded()));
        confused.setDoKeyValidation(false);
        assertRefused(confused.getCompactSerialization(), "refused");
    }

    @Test
    void refusesATokenSignedByAKeyTheIssuerDoesNotPublish() throws Exception {
        RsaJsonWebKey stranger = RsaJwkGenerator.generateJwk(2048);
        stranger.setKeyId("key-1");
        assertRefused(sign(claims("acme/deploy", "gatehouse"), stranger), "signature");
    }

    @Test
    void refetchesTheKeysWhenATokenNamesANewKeyId() throws Exception {
        authenticate(sign(claims("acme/deploy", "gatehouse"), signingKey));
        published = List.of(signingKey, rotatedKey);
        int before = jwksFetches.get();
        AuthenticatedCaller caller = authenticate(sign(claims("acme/deploy", "gatehouse"), rotatedKey));
        assertEquals("deploy", caller.identity().name());
        assertEquals(before + 1, jwksFetches.get());
    }

    @Test
    void verifiesARepeatedTokenOnlyOnce() throws Exception {
        String token = sign(claims("acme/deploy", "gatehouse"), signingKey);
        authenticate(token);
        int fetches = jwksFetches.get();
        published = List.of();
        assertEquals("deploy", authenticate(token).identity().name());
        assertEquals(fetches, jwksFetches.get());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"JWT", "jwt", "at+jwt", "application/at+jwt", "AT+JWT"})
    void acceptsAccessTokenTypes(String type) throws Exception {
        assertEquals("deploy", authenticate(sign(claims("acme/deploy", "gatehouse"), signingKey, Map.of("typ", type))).identity().name());
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"gatehouse-node+jwt", "application/gatehouse-node+jwt", "dpop+jwt",
            "logout+jwt", "secevent+jwt", "application/secevent+jwt", "id_token+jwt", "", "JOSE"})
    void refusesTokensTypedAsAnotherKindOfToken(String type) throws Exception {
        assertRefused(sign(claims("acme/deploy", "gatehouse"), signingKey, Map.of("typ", type)), "typed ('typ')");
    }

    @Test
    void refusesATypThatIsNotAString() throws Exception {
        assertRefused(sign(claims("acme/deploy", "gatehouse"), signingKey, Map.of("typ", List.of("JWT"))), "typed ('typ')");
    }

    @Test
    void acceptsAnotherTypeOnlyWhenConfigured() throws Exception {
        String token = sign(claims("acme/deploy", "gatehouse"), signingKey, Map.of("typ", "application/custom+jwt"));
        assertRefused(token, "typed ('typ')");
        authenticator = new TokenAuthenticator(vertx, Duration.ofMillis(0), Duration.ofSeconds(30), 16384, List.of("custom+jwt"));
        assertEquals("deploy", authenticate(token).identity().name());
        assertRefused(sign(claims("acme/deploy", "gatehouse"), signingKey, Map.of("typ", "JWT")), "typed ('typ')");
    }

    @Test
    void refusesCriticalHeaderExtensions() throws Exception {
        assertRefused(sign(claims("acme/deploy", "gatehouse"), signingKey, Map.of("crit", List.of("exp"), "exp", 1)), "'crit'");
        assertRefused(sign(claims("acme/deploy", "gatehouse"), signingKey, Map.of("crit", List.of("b64"), "b64", true)), "'crit'");
    }

    @Test
    void refusesAnEmptyCrit() throws Exception {
        assertRefused(sign(claims("acme/deploy", "gatehouse"), signingKey, Map.of("crit", List.of())), "'crit'");
    }

    @Test
    void refusesAnUntrustedTypBeforeFetchingKeys() throws Exception {
        int fetches = jwksFetches.get();
        authenticator = new TokenAuthenticator(vertx, Duration.ofMillis(0), Duration.ofSeconds(30), 16384, List.of("JWT"));
        assertRefused(sign(claims("acme/deploy", "gatehouse"), signingKey, Map.of("typ", "dpop+jwt")), "typed ('typ')");
        assertEquals(fetches, jwksFetches.get());
    }

    private AuthenticatedCaller authenticate(String token) throws Exception {
        return authenticator.authenticate(token, policy).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void assertRefused(String token, String reasonFragment) {
        Throwable failure = authenticator.authenticate(token, policy).toCompletionStage().toCompletableFuture()
                .handle((ok, error) -> error).join();
        Throwable cause = failure instanceof java.util.concurrent.CompletionException ? failure.getCause() : failure;
        assertInstanceOf(AuthenticationException.class, cause, String.valueOf(cause));
        assertTrue(cause.getMessage().contains(reasonFragment), cause.getMessage());
        assertTrue(!cause.getMessage().contains(token.substring(0, 20)), "the token must not be echoed");
    }

    private static JwtClaims claims(String repository, String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(issuer);
        claims.setAudience(audience);
        claims.setSubject("repo:" + repository);
        claims.setClaim("repository", repository);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(5);
        return claims;
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey key) throws Exception {
        return sign(claims, key, Map.of());
    }

    private static String sign(JwtClaims claims, RsaJsonWebKey key, Map<String, Object> headers) throws Exception {
        JsonWebSignature jws = new JsonWebSignature();
        headers.forEach(jws.getHeaders()::setObjectHeaderValue);
        jws.setPayload(claims.toJson());
        jws.setKey(key.getPrivateKey());
        jws.setKeyIdHeaderValue(key.getKeyId());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
        return jws.getCompactSerialization();
    }
}
