package io.gatehouse.dataplane.auth;

import org.jose4j.keys.EllipticCurves;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.EdECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.util.Arrays;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;

/**
 * The asymmetric JWS algorithms the gateway accepts (never {@code none}, never HMAC), each with the only kind of key
 * that may verify it: RSA of at least 2048 bits for RS* and PS*, EC on the algorithm's own curve for ES*, Ed25519 or
 * Ed448 for EdDSA. A {@link Signature} per algorithm and thread is reused, as event loops verify one token after the
 * other.
 */
enum JwsAlgorithm {

    RS256("SHA256withRSA", null, JwsAlgorithm::isStrongRsaKey, UnaryOperator.identity()),
    RS384("SHA384withRSA", null, JwsAlgorithm::isStrongRsaKey, UnaryOperator.identity()),
    RS512("SHA512withRSA", null, JwsAlgorithm::isStrongRsaKey, UnaryOperator.identity()),
    PS256("RSASSA-PSS", pss("SHA-256", MGF1ParameterSpec.SHA256, 32), JwsAlgorithm::isStrongRsaKey, UnaryOperator.identity()),
    PS384("RSASSA-PSS", pss("SHA-384", MGF1ParameterSpec.SHA384, 48), JwsAlgorithm::isStrongRsaKey, UnaryOperator.identity()),
    PS512("RSASSA-PSS", pss("SHA-512", MGF1ParameterSpec.SHA512, 64), JwsAlgorithm::isStrongRsaKey, UnaryOperator.identity()),
    ES256("SHA256withECDSA", null, key -> isOnCurve(key, EllipticCurves.P256), signature -> JoseEcdsaSignature.toDer(signature, 32)),
    ES384("SHA384withECDSA", null, key -> isOnCurve(key, EllipticCurves.P384), signature -> JoseEcdsaSignature.toDer(signature, 48)),
    ES512("SHA512withECDSA", null, key -> isOnCurve(key, EllipticCurves.P521), signature -> JoseEcdsaSignature.toDer(signature, 66)),
    EdDSA("EdDSA", null, key -> key instanceof EdECPublicKey, UnaryOperator.identity());

    private static final int MIN_RSA_BITS = 2048;
    private static final Map<String, JwsAlgorithm> BY_NAME = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(JwsAlgorithm::name, Function.identity()));

    private final String jdkName;
    private final AlgorithmParameterSpec parameters;
    private final Predicate<PublicKey> keyFits;
    /** From the signature bytes of the JWS to those the JDK verifies; null when they cannot be a signature of this algorithm. */
    private final UnaryOperator<byte[]> jdkSignature;
    private final ThreadLocal<Signature> verifiers = ThreadLocal.withInitial(this::newVerifier);

    JwsAlgorithm(String jdkName, AlgorithmParameterSpec parameters, Predicate<PublicKey> keyFits, UnaryOperator<byte[]> jdkSignature) {
        this.jdkName = jdkName;
        this.parameters = parameters;
        this.keyFits = keyFits;
        this.jdkSignature = jdkSignature;
    }

    /** The algorithm a JWS {@code alg} header names, if it is one the gateway accepts (names are case-sensitive). */
    static Optional<JwsAlgorithm> named(String alg) {
        return Optional.ofNullable(alg == null ? null : BY_NAME.get(alg));
    }

    /** Whether {@code key} is of the kind, size and curve this algorithm must be verified with. */
    boolean fits(PublicKey key) {
        return keyFits.test(key);
    }

    /** Whether {@code signature} is this algorithm's signature of {@code signedBytes} by the holder of {@code key}. */
    boolean verifies(PublicKey key, byte[] signedBytes, byte[] signature) {
        if (!fits(key)) {
            return false;
        }
        byte[] converted = jdkSignature.apply(signature);
        if (converted == null) {
            return false;
        }
        Signature verifier = verifiers.get();
        try {
            verifier.initVerify(key);
            verifier.update(signedBytes);
            return verifier.verify(converted);
        } catch (GeneralSecurityException | RuntimeException notASignature) {
            // a malformed signature or a key the provider rejects; initVerify resets the instance for the next token
            return false;
        }
    }

    private Signature newVerifier() {
        try {
            Signature signature = Signature.getInstance(jdkName);
            if (parameters != null) {
                signature.setParameter(parameters);
            }
            return signature;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK does not provide " + jdkName, e);
        }
    }

    private static PSSParameterSpec pss(String digest, MGF1ParameterSpec mgf1, int saltLength) {
        return new PSSParameterSpec(digest, "MGF1", mgf1, saltLength, PSSParameterSpec.TRAILER_FIELD_BC);
    }

    private static boolean isStrongRsaKey(PublicKey key) {
        return key instanceof RSAPublicKey rsa && rsa.getModulus().bitLength() >= MIN_RSA_BITS;
    }

    private static boolean isOnCurve(PublicKey key, ECParameterSpec curve) {
        if (!(key instanceof ECPublicKey ec)) {
            return false;
        }
        ECParameterSpec params = ec.getParams();
        return params.getCurve().equals(curve.getCurve()) && params.getOrder().equals(curve.getOrder())
                && params.getGenerator().equals(curve.getGenerator()) && params.getCofactor() == curve.getCofactor();
    }
}
