package io.gatehouse.dataplane.assertion;

import io.gatehouse.dataplane.policy.IdentityAssertion;
import io.gatehouse.dataplane.testing.MutableClock;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentityAssertionSignerTest {

    private static final IdentityAssertion SETTINGS = new IdentityAssertion("X-Gatehouse-Identity-Assertion",
            "https://billing.internal", "gatehouse-data-plane", Duration.ofMinutes(2));
    private static final AssertionSubject DEPLOY = new AssertionSubject("deploy", "payments", "billing",
            "https://token.actions.githubusercontent.com", "repo:acme/deploy:ref:refs/heads/main");

    private final AssertionSigningKey key = new AssertionSigningKey();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-29T12:00:00Z"));
    private final IdentityAssertionSigner signer = new IdentityAssertionSigner(key, "dp-7", clock);

    @Test
    void anAssertionVerifiesWithThePublishedKeyAndSaysWhoCalledThroughWhichBinding() throws Exception {
        JwtClaims claims = verify(signer.assertionFor(DEPLOY, SETTINGS), publicKey(key), "https://billing.internal");

        assertEquals("gatehouse-data-plane", claims.getIssuer());
        assertEquals("deploy", claims.getSubject());
        assertEquals(clock.instant().getEpochSecond(), claims.getIssuedAt().getValue());
        assertEquals(clock.instant().plusSeconds(120).getEpochSecond(), claims.getExpirationTime().getValue());
        assertEquals("billing", claims.getStringClaimValue("resource"));
        assertEquals("payments", claims.getStringClaimValue("team"));
        assertEquals("dp-7", claims.getStringClaimValue("data_plane"));
        assertEquals(Map.of("iss", "https://token.actions.githubusercontent.com", "sub", "repo:acme/deploy:ref:refs/heads/main"),
                claims.getClaimValue("binding"));
    }

    @Test
    void theHeaderNamesTheKeyByItsDerivedIdAndTheAlgorithm() throws Exception {
        JwtContext context = new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature()
                .setSkipSignatureVerification().build().process(signer.assertionFor(DEPLOY, SETTINGS));
        var header = context.getJoseObjects().get(0);

        assertEquals("ES256", header.getAlgorithmHeaderValue());
        assertEquals("JWT", header.getHeader("typ"));
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.publicKeyInfo());
        assertEquals(Base64.getUrlEncoder().withoutPadding().encodeToString(Arrays.copyOf(digest, 16)), header.getKeyIdHeaderValue());
    }

    @Test
    void anotherKeyOrAnotherAudienceDoesNotVerifyIt() throws Exception {
        String assertion = signer.assertionFor(DEPLOY, SETTINGS);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));

        assertThrows(InvalidJwtException.class, () -> verify(assertion, generator.generateKeyPair().getPublic(), "https://billing.internal"));
        assertThrows(InvalidJwtException.class, () -> verify(assertion, publicKey(key), "https://other.internal"));
    }

    @Test
    void anAssertionIsReusedForHalfItsLifetimeThenSignedAfresh() throws Exception {
        String first = signer.assertionFor(DEPLOY, SETTINGS);
        clock.advance(Duration.ofSeconds(59));
        assertEquals(first, signer.assertionFor(DEPLOY, SETTINGS));

        clock.advance(Duration.ofSeconds(1));
        String renewed = signer.assertionFor(DEPLOY, SETTINGS);

        assertNotEquals(first, renewed);
        assertEquals(clock.instant().plusSeconds(120).getEpochSecond(),
                verify(renewed, publicKey(key), "https://billing.internal").getExpirationTime().getValue());
    }

    @Test
    void eachIdentityBindingAndAudienceGetsItsOwnAssertion() throws Exception {
        String deploy = signer.assertionFor(DEPLOY, SETTINGS);
        AssertionSubject otherBinding = new AssertionSubject("deploy", "payments", "billing",
                "https://kubernetes.default.svc", "system:serviceaccount:ci:deploy");
        IdentityAssertion otherAudience = new IdentityAssertion(SETTINGS.headerName(), "https://ledger.internal",
                SETTINGS.issuer(), SETTINGS.lifetime());

        String viaKubernetes = signer.assertionFor(otherBinding, SETTINGS);
        String forLedger = signer.assertionFor(DEPLOY, otherAudience);

        assertNotEquals(deploy, viaKubernetes);
        assertEquals("system:serviceaccount:ci:deploy", ((Map<?, ?>) verify(viaKubernetes, publicKey(key),
                "https://billing.internal").getClaimValue("binding")).get("sub"));
        assertEquals("deploy", verify(forLedger, publicKey(key), "https://ledger.internal").getSubject());
    }

    @Test
    void theKeyShowsNoPrivatePartWhenPrinted() {
        assertFalse(key.toString().contains(Base64.getEncoder().encodeToString(key.privateKey().getEncoded())));
        assertEquals("AssertionSigningKey[kid=" + key.kid() + "]", key.toString());
    }

    private JwtClaims verify(String assertion, PublicKey publicKey, String audience) throws Exception {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setEvaluationTime(org.jose4j.jwt.NumericDate.fromSeconds(clock.instant().getEpochSecond()))
                .setRequireExpirationTime()
                .setExpectedIssuer("gatehouse-data-plane")
                .setExpectedAudience(audience)
                .setVerificationKey(publicKey)
                .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                        AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256))
                .build();
        return consumer.processToClaims(assertion);
    }

    private static PublicKey publicKey(AssertionSigningKey key) throws Exception {
        return KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(key.publicKeyInfo()));
    }
}
