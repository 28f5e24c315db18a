package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.PolicyFixtures;
import io.gatehouse.dataplane.policy.GatewayTokenTrust;
import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.IdentityStatus;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.vertx.core.Vertx;
import org.jose4j.jwk.EcJwkGenerator;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.keys.EllipticCurves;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Gateway tokens (issued by the control plane's token endpoint) are verified with the keys that came
 * with the signed snapshot, name their identity in {@code sub}, and are refused when anything is off.
 */
class GatewayTokenAuthenticationTest {

    private static final String ISSUER = "gatehouse-control-plane";
    private static Vertx vertx;
    private static EllipticCurveJsonWebKey controlPlaneKey;
    private static EllipticCurveJsonWebKey otherKey;
    private static PolicySnapshot policy;

    @BeforeAll
    static void policyWithGatewayTokens() throws Exception {
        vertx = Vertx.vertx();
        controlPlaneKey = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        controlPlaneKey.setKeyId("cp-1");
        otherKey = EcJwkGenerator.generateJwk(EllipticCurves.P256);
        otherKey.setKeyId("cp-1");
        PolicySnapshot base = PolicyFixtures.policy("https://issuer.example",
                PolicyFixtures.identity("deploy", "https://issuer.example", IdentityStatus.ACTIVE, Instant.now().plusSeconds(3600)),
                PolicyFixtures.identity("parked", "https://issuer.example", IdentityStatus.SUSPENDED, Instant.now().plusSeconds(3600)));
        policy = new PolicySnapshot(base.version(), base.generatedAt(), List.copyOf(base.identities()), List.of(), List.of(),
                new GatewayTokenTrust(ISSUER, "gatehouse", Map.of("cp-1", controlPlaneKey.getPublicKey())));
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    private final TokenAuthenticator authenticator = new TokenAuthenticator(vertx, Duration.ZERO, Duration.ofSeconds(30),
            16384, List.of("JWT", "at+jwt", "application/at+jwt"));

    @Test
    void aGatewayTokenNamesItsIdentityWithoutAnyTrustBinding() throws Exception {
        AuthenticatedCaller caller = authenticate(sign(claims("deploy", "gatehouse"), controlPlaneKey, "at+jwt"));

        assertEquals("deploy", caller.identity().name());
        assertEquals(ISSUER, caller.issuer());
    }

    @Test
    void theIdentitysStatusStillDecidesButThatIsTheAuthorizersJob() throws Exception {
        Identity parked = authenticate(sign(claims("parked", "gatehouse"), controlPlaneKey, "at+jwt")).identity();
        assertTrue(parked.refusalReason(Instant.now()) != null, "a suspended identity is refused on every call");
    }

    @Test
    void forgedMisaddressedOrStaleGatewayTokensAreRefused() {
        assertRefused(sign(claims("deploy", "gatehouse"), otherKey, "at+jwt"), "signature");
        assertRefused(sign(claims("deploy", "other-audience"), controlPlaneKey, "at+jwt"), "refused");
        assertRefused(sign(claims("nobody", "gatehouse"), controlPlaneKey, "at+jwt"), "no longer exists");
        JwtClaims expired = claims("deploy", "gatehouse");
        expired.setExpirationTime(NumericDate.fromSeconds(Instant.now().minusSeconds(120).getEpochSecond()));
        assertRefused(sign(expired, controlPlaneKey, "at+jwt"), "expired");
        assertRefused(sign(claims("deploy", "gatehouse"), controlPlaneKey, "gatehouse-node+jwt"), "type");
        assertRefused(sign(claims("deploy", "gatehouse"), controlPlaneKey, "at+jwt", "cp-2"), "does not publish");
    }

    @Test
    void gatewayTokensOfAnotherAlgorithmAreRefused() throws Exception {
        JsonWebSignature unsigned = new JsonWebSignature();
        unsigned.setPayload(claims("deploy", "gatehouse").toJson());
        unsigned.setAlgorithmHeaderValue(AlgorithmIdentifiers.NONE);
        unsigned.setKeyIdHeaderValue("cp-1");
        unsigned.setAlgorithmConstraints(org.jose4j.jwa.AlgorithmConstraints.NO_CONSTRAINTS);
        assertRefused(unsigned.getCompactSerialization(), "refused");

        JsonWebSignature hmac = new JsonWebSignature();
        hmac.setPayload(claims("deploy", "gatehouse").toJson());
        hmac.setAlgorithmHeaderValue(AlgorithmIdentifiers.HMAC_SHA256);
        hmac.setKeyIdHeaderValue("cp-1");
        hmac.setKey(new org.jose4j.keys.HmacKey(controlPlaneKey.getPublicKey().getEncoded()));
        hmac.setDoKeyValidation(false);
        assertRefused(hmac.getCompactSerialization(), "refused");

        EllipticCurveJsonWebKey p384 = EcJwkGenerator.generateJwk(EllipticCurves.P384);
        JsonWebSignature otherCurve = new JsonWebSignature();
        otherCurve.setPayload(claims("deploy", "gatehouse").toJson());
        otherCurve.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384);
        otherCurve.setKeyIdHeaderValue("cp-1");
        otherCurve.setKey(p384.getPrivateKey());
        assertRefused(otherCurve.getCompactSerialization(), "refused");
    }

    @Test
    void aGatewayTokenWithoutSubjectOrFromTheFutureIsRefused() {
        JwtClaims anonymous = claims("deploy", "gatehouse");
        anonymous.unsetClaim("sub");
        assertRefused(sign(anonymous, controlPlaneKey, "at+jwt"), "refused");
        JwtClaims early = claims("deploy", "gatehouse");
        early.setNotBefore(NumericDate.fromSeconds(Instant.now().plusSeconds(300).getEpochSecond()));
        assertRefused(sign(early, controlPlaneKey, "at+jwt"), "refused");
    }

    private static JwtClaims claims(String subject, String audience) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(ISSUER);
        claims.setSubject(subject);
        claims.setAudience(audience);
        claims.setIssuedAtToNow();
        claims.setExpirationTimeMinutesInTheFuture(10);
        return claims;
    }

    private static String sign(JwtClaims claims, EllipticCurveJsonWebKey key, String type) {
        return sign(claims, key, type, key.getKeyId());
    }

    private static String sign(JwtClaims claims, EllipticCurveJsonWebKey key, String type, String keyId) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setPayload(claims.toJson());
            jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
            jws.setHeader("typ", type);
            jws.setKeyIdHeaderValue(keyId);
            jws.setKey(key.getPrivateKey());
            return jws.getCompactSerialization();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private AuthenticatedCaller authenticate(String token) throws Exception {
        return authenticator.authenticate(token, policy).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void assertRefused(String token, String reasonPart) {
        ExecutionException failure = assertThrows(ExecutionException.class, () -> authenticate(token));
        AuthenticationException refusal = assertInstanceOf(AuthenticationException.class, failure.getCause());
        assertTrue(refusal.getMessage().contains(reasonPart), refusal.getMessage());
    }
}
