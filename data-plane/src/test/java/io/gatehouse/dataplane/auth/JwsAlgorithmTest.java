package io.gatehouse.dataplane.auth;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** One {@link Signature} per algorithm and thread is reused: it must verify token after token, also after a refusal. */
class JwsAlgorithmTest {

    @ParameterizedTest
    @CsvSource({"RS256, RSA", "PS256, RSA", "PS512, RSA", "ES256, secp256r1", "ES384, secp384r1", "ES512, secp521r1", "EdDSA, Ed25519"})
    void verifiesOneSignatureAfterTheOtherAndAfterARefusal(String name, String keyKind) throws Exception {
        JwsAlgorithm algorithm = JwsAlgorithm.named(name).orElseThrow();
        KeyPair keys = keys(keyKind);
        for (int i = 0; i < 5; i++) {
            byte[] message = ("header.claims-" + i).getBytes(StandardCharsets.US_ASCII);
            byte[] signature = sign(name, keys, message);
            assertTrue(algorithm.verifies(keys.getPublic(), message, signature), name + " #" + i);
            assertFalse(algorithm.verifies(keys.getPublic(), message, new byte[signature.length - 1]), "a signature one byte short");
            assertFalse(algorithm.verifies(keys.getPublic(), ("other-" + i).getBytes(StandardCharsets.US_ASCII), signature));
        }
    }

    @Test
    void namesOnlyTheAsymmetricAlgorithmsCaseSensitively() {
        for (String refused : new String[] {"none", "None", "HS256", "HS512", "rs256", "ES256K", "Ed25519", "", "RSA-OAEP"}) {
            assertEquals(Optional.empty(), JwsAlgorithm.named(refused), refused);
        }
        assertEquals(Optional.empty(), JwsAlgorithm.named(null));
        assertEquals(Optional.of(JwsAlgorithm.EdDSA), JwsAlgorithm.named("EdDSA"));
    }

    @Test
    void fitsOnlyTheKeyKindSizeAndCurveOfTheAlgorithm() throws Exception {
        KeyPair rsa = keys("RSA");
        KeyPair p256 = keys("secp256r1");
        KeyPair p384 = keys("secp384r1");
        KeyPair ed25519 = keys("Ed25519");
        KeyPairGenerator weak = KeyPairGenerator.getInstance("RSA");
        weak.initialize(1024);
        assertTrue(JwsAlgorithm.RS256.fits(rsa.getPublic()));
        assertFalse(JwsAlgorithm.RS256.fits(weak.generateKeyPair().getPublic()));
        assertFalse(JwsAlgorithm.RS256.fits(p256.getPublic()));
        assertTrue(JwsAlgorithm.ES256.fits(p256.getPublic()));
        assertFalse(JwsAlgorithm.ES256.fits(p384.getPublic()));
        assertFalse(JwsAlgorithm.ES384.fits(p256.getPublic()));
        assertFalse(JwsAlgorithm.ES256.fits(rsa.getPublic()));
        assertFalse(JwsAlgorithm.EdDSA.fits(p256.getPublic()));
        assertTrue(JwsAlgorithm.EdDSA.fits(ed25519.getPublic()));
        assertFalse(JwsAlgorithm.ES256.verifies(rsa.getPublic(), new byte[1], new byte[64]));
    }

    private static KeyPair keys(String kind) throws Exception {
        if (kind.equals("RSA") || kind.equals("Ed25519")) {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(kind);
            if (kind.equals("RSA")) {
                generator.initialize(2048);
            }
            return generator.generateKeyPair();
        }
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(kind));
        return generator.generateKeyPair();
    }

    private static byte[] sign(String algorithm, KeyPair keys, byte[] message) throws Exception {
        Signature signer = switch (algorithm) {
            case "RS256" -> Signature.getInstance("SHA256withRSA");
            case "PS256", "PS512" -> Signature.getInstance("RSASSA-PSS");
            case "ES256" -> Signature.getInstance("SHA256withECDSA");
            case "ES384" -> Signature.getInstance("SHA384withECDSA");
            case "ES512" -> Signature.getInstance("SHA512withECDSA");
            default -> Signature.getInstance("EdDSA");
        };
        if (algorithm.equals("PS256")) {
            signer.setParameter(new PSSParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, 32, 1));
        } else if (algorithm.equals("PS512")) {
            signer.setParameter(new PSSParameterSpec("SHA-512", "MGF1", MGF1ParameterSpec.SHA512, 64, 1));
        }
        signer.initSign(keys.getPrivate());
        signer.update(message);
        byte[] signature = signer.sign();
        return switch (algorithm) {
            case "ES256" -> TokenVerificationTest.derToConcatenated(signature, 32);
            case "ES384" -> TokenVerificationTest.derToConcatenated(signature, 48);
            case "ES512" -> TokenVerificationTest.derToConcatenated(signature, 66);
            default -> signature;
        };
    }
}
