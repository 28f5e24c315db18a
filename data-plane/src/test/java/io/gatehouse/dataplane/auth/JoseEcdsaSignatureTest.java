package io.gatehouse.dataplane.auth;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class JoseEcdsaSignatureTest {

    /** Enough signatures that some have an R or S with a leading zero byte and many one with the top bit set. */
    @ParameterizedTest
    @CsvSource({"secp256r1, SHA256withECDSA, 32", "secp384r1, SHA384withECDSA, 48", "secp521r1, SHA512withECDSA, 66"})
    void givesBackTheJdksOwnDerEncoding(String curve, String algorithm, int integerLength) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        KeyPair keys = generator.generateKeyPair();
        Signature signer = Signature.getInstance(algorithm);
        signer.initSign(keys.getPrivate());
        for (int i = 0; i < 300; i++) {
            signer.update(("message " + i).getBytes(StandardCharsets.UTF_8));
            byte[] der = signer.sign();
            byte[] concatenated = TokenVerificationTest.derToConcatenated(der, integerLength);
            assertArrayEquals(der, JoseEcdsaSignature.toDer(concatenated, integerLength));
        }
    }

    @ParameterizedTest
    @CsvSource({"0, 32", "63, 32", "65, 32", "64, 48", "96, 32", "131, 66"})
    void refusesAnythingButTwoIntegersOfTheCurvesLength(int length, int integerLength) {
        assertNull(JoseEcdsaSignature.toDer(new byte[length], integerLength));
    }
}
