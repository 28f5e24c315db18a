package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.policy.IdentityStatus;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.PublicJsonWebKey;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.MGF1ParameterSpec;
import java.security.spec.PSSParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import static io.gatehouse.dataplane.PolicyFixtures.identity;
import static io.gatehouse.dataplane.PolicyFixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The refusals of the token verifier, with tokens forged byte by byte (header, claims and signature under the test's
 * control) against an issuer publishing an RSA key, a weak RSA key, P-256, P-384 and P-521 keys, an Ed25519 key and an
 * RSA key restricted to RS256.
 */
class TokenVerificationTest {

    private static final String REFUSED = "refused";
    private static final String MALFORMED = "not a well-formed JWT";

    private static Vertx vertx;
    private static String issuer;
    /** Publishes an RSA key under the same key id as the main issuer's. */
    private static String otherIssuer;
    private static PolicySnapshot policy;
    private static KeyPair rsa;
    private static KeyPair weakRsa;
    private static KeyPair rsaForRs256Only;
    private static KeyPair rsaForEncryption;
    private static KeyPair p256;
    private static KeyPair p384;
    private static KeyPair p521;
    private static KeyPair ed25519;

    private TokenAuthenticator authenticator;

    @BeforeAll
    static void startIssuer() throws Exception {
        rsa = rsaKeys(2048);
        weakRsa = rsaKeys(1024);
        rsaForRs256Only = rsaKeys(2048);
        rsaForEncryption = rsaKeys(2048);
        p256 = ecKeys("secp256r1");
        p384 = ecKeys("secp384r1");
        p521 = ecKeys("secp521r1");
        ed25519 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        JsonArray keys = new JsonArray()
                .add(jwk(rsa, "rsa"))
                .add(jwk(weakRsa, "rsa-1024"))
                .add(jwk(rsaForRs256Only, "rsa-rs256").put("alg", "RS256"))
                .add(jwk(rsaForEncryption, "rsa-enc").put("use", "enc"))
                .add(jwk(p256, "p256"))
                .add(jwk(p384, "p384"))
                .add(jwk(p521, "p521"))
                .add(jwk(ed25519, "ed25519"));
        JsonArray otherKeys = new JsonArray().add(jwk(rsaKeys(2048), "rsa"));
        vertx = Vertx.vertx();
        HttpServer server = vertx.createHttpServer().requestHandler(request -> {
            boolean other = request.path().startsWith("/other");
            String of = other ? otherIssuer : issuer;
            if (request.path().endsWith("/.well-known/openid-configuration")) {
                request.response().end(new JsonObject().put("issuer", of).put("jwks_uri", of + "/jwks").encode());
            } else {
                request.response().end(new JsonObject().put("keys", other ? otherKeys : keys).encode());
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        issuer = "http://127.0.0.1:" + server.actualPort() + "/ci";
        otherIssuer = "http://127.0.0.1:" + server.actualPort() + "/other";
        policy = policy(issuer, identity("deploy", issuer, IdentityStatus.ACTIVE, Instant.now().plusSeconds(3600)));
    }

    @AfterAll
    static void stop() {
        vertx.close();
    }

    @BeforeEach
    void newAuthenticator() {
        authenticator = new TokenAuthenticator(vertx, Duration.ofMinutes(5), Duration.ofSeconds(30), 16384, List.of("JWT"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256:rsa", "RS384:rsa", "RS512:rsa", "PS256:rsa", "PS384:rsa", "PS512:rsa",
            "ES256:p256", "ES384:p384", "ES512:p521", "EdDSA:ed25519", "RS256:rsa-rs256"})
    void acceptsEveryAsymmetricAlgorithmWithItsKey(String algorithmAndKey) throws Exception {
        String[] parts = algorithmAndKey.split(":");
        assertEquals("deploy", authenticate(signed(parts[0], parts[1], validClaims())).identity().name());
    }

    @Test
    void acceptsATokenWithoutKeyIdSignedWithTheIssuersKeyOfItsAlgorithm() throws Exception {
        String token = signed(header("ES384", null), validClaims(), p384.getPrivate(), "ES384");
        assertEquals("deploy", authenticate(token).identity().name());
    }

    @Test
    void refusesAnUnsignedToken() {
        assertRefused(encode(header("none", "rsa")) + "." + encode(validClaims()) + ".", REFUSED);
        assertRefused(encode("{\"alg\":\"NONE\",\"kid\":\"rsa\"}") + "." + encode(validClaims()) + ".", REFUSED);
    }

    @Test
    void refusesHmacWithThePublicKeyAsSecret() throws Exception {
        javax.crypto.Mac hmac = javax.crypto.Mac.getInstance("HmacSHA256");
        hmac.init(new javax.crypto.spec.SecretKeySpec(rsa.getPublic().getEncoded(), "HmacSHA256"));
        String signingInput = encode(header("HS256", "rsa")) + "." + encode(validClaims());
        String token = signingInput + "." + encode(hmac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        assertRefused(token, REFUSED);
    }

    @Test
    void refusesAnAlgorithmThatDoesNotFitTheKeyItNames() throws Exception {
        assertRefused(signed(header("ES256", "rsa"), validClaims(), p256.getPrivate(), "ES256"), REFUSED);
        assertRefused(signed(header("RS256", "p256"), validClaims(), rsa.getPrivate(), "RS256"), REFUSED);
        assertRefused(signed(header("EdDSA", "p256"), validClaims(), ed25519.getPrivate(), "EdDSA"), REFUSED);
    }

    @Test
    void refusesAnEcKeyOnAnotherCurve() throws Exception {
        assertRefused(signed(header("ES256", "p384"), validClaims(), p384.getPrivate(), "ES384"), REFUSED);
        assertRefused(signed(header("ES384", "p256"), validClaims(), p256.getPrivate(), "ES256"), REFUSED);
    }

    @Test
    void refusesAnRsaKeyShorterThan2048Bits() throws Exception {
        assertRefused(signed("RS256", "rsa-1024", validClaims()), REFUSED);
    }

    @Test
    void refusesAnAlgorithmTheJwksRestrictsTheKeyAgainst() throws Exception {
        assertRefused(signed("PS256", "rsa-rs256", validClaims()), REFUSED);
        // a key the issuer publishes for encryption ("use": "enc") verifies no signature
        assertRefused(signed("RS256", "rsa-enc", validClaims()), REFUSED);
    }

    @Test
    void refusesAnUnknownKeyId() throws Exception {
        assertRefused(signed(header("RS256", "rsa-unknown"), validClaims(), rsa.getPrivate(), "RS256"), REFUSED);
    }

    @Test
    void refusesMalformedBase64() throws Exception {
        String token = signed("RS256", "rsa", validClaims());
        String[] parts = token.split("\\.");
        assertRefused(parts[0] + "!." + parts[1] + "." + parts[2], MALFORMED);
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2].substring(1) + "+", MALFORMED);
        assertRefused(parts[0] + "=." + parts[1] + "." + parts[2], MALFORMED);
        assertRefused(parts[0] + "." + parts[1] + "." + parts[2] + "=", MALFORMED);
        assertRefused(parts[0] + "." + parts[1] + "A." + parts[2], MALFORMED);
    }

    @Test
    void refusesAnythingButThreeParts() throws Exception {
        String token = signed("RS256", "rsa", validClaims());
        String[] parts = token.split("\\.");
        assertRefused(token + ".", MALFORMED);
        assertRefused(token + "." + parts[2], MALFORMED);
        assertRefused(parts[0] + "." + parts[1], MALFORMED);
        assertRefused("." + parts[1] + "." + parts[2], MALFORMED);
        assertRefused(parts[0] + ".." + parts[2], MALFORMED);
        assertRefused("..", MALFORMED);
        assertRefused("", MALFORMED);
    }

    @Test
    void refusesDuplicateMemberNames() throws Exception {
        String claims = validClaims();
        assertRefused(signed("{\"alg\":\"RS256\",\"kid\":\"rsa\",\"alg\":\"none\"}", claims, rsa.getPrivate(), "RS256"), MALFORMED);
        String twoIssuers = "{\"iss\":\"https://evil.example\"," + claims.substring(1);
        assertRefused(signed(header("RS256", "rsa"), twoIssuers, rsa.getPrivate(), "RS256"), MALFORMED);
        String nestedTwice = claims.substring(0, claims.length() - 1) + ",\"groups\":{\"a\":1,\"a\":2}}";
        assertRefused(signed(header("RS256", "rsa"), nestedTwice, rsa.getPrivate(), "RS256"), MALFORMED);
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"claims\"", "null", "{\"iss\":\"x\"} {}", "{\"iss\":", "not json"})
    void refusesClaimsThatAreNotOneJsonObject(String claims) throws Exception {
        assertRefused(signed(header("RS256", "rsa"), claims, rsa.getPrivate(), "RS256"), MALFORMED);
    }

    @Test
    void refusesClaimsNestedDeeperThanTheParserAllows() throws Exception {
        String deep = "{\"iss\":\"" + issuer + "\",\"x\":" + "[".repeat(5000) + "]".repeat(5000) + "}";
        assertRefused(signed(header("RS256", "rsa"), deep, rsa.getPrivate(), "RS256"), MALFORMED);
    }

    @Test
    void refusesAHeaderWhoseAlgOrKidIsNotAString() throws Exception {
        assertRefused(signed("{\"alg\":[\"RS256\"],\"kid\":\"rsa\"}", validClaims(), rsa.getPrivate(), "RS256"), MALFORMED);
        assertRefused(signed("{\"alg\":\"RS256\",\"kid\":7}", validClaims(), rsa.getPrivate(), "RS256"), MALFORMED);
        assertRefused(signed("{\"kid\":\"rsa\"}", validClaims(), rsa.getPrivate(), "RS256"), MALFORMED);
    }

    @Test
    void refusesASignatureOfTheWrongLength() throws Exception {
        String token = signed("ES256", "p256", validClaims());
        int lastDot = token.lastIndexOf('.');
        byte[] signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
        String unsigned = token.substring(0, lastDot + 1);
        assertRefused(unsigned + encode(Arrays.copyOf(signature, 63)), "signature");
        assertRefused(unsigned + encode(Arrays.copyOf(signature, 65)), "signature");
        assertRefused(unsigned, "signature");
        String derEncoded = derSigned(header("ES256", "p256"), validClaims(), p256.getPrivate());
        assertRefused(derEncoded, "signature");

        String rsaToken = signed("RS256", "rsa", validClaims());
        int rsaDot = rsaToken.lastIndexOf('.');
        byte[] rsaSignature = Base64.getUrlDecoder().decode(rsaToken.substring(rsaDot + 1));
        assertRefused(rsaToken.substring(0, rsaDot + 1) + encode(Arrays.copyOf(rsaSignature, 255)), "signature");
    }

    @Test
    void refusesATamperedSignatureOrPayload() throws Exception {
        for (String algorithmAndKey : List.of("RS256:rsa", "PS256:rsa", "ES256:p256", "EdDSA:ed25519")) {
            String[] parts = algorithmAndKey.split(":");
            String token = signed(parts[0], parts[1], validClaims());
            int lastDot = token.lastIndexOf('.');
            byte[] signature = Base64.getUrlDecoder().decode(token.substring(lastDot + 1));
            signature[signature.length / 2] ^= 1;
            assertRefused(token.substring(0, lastDot + 1) + encode(signature), "signature");
            String otherClaims = validClaims().replace("acme/deploy", "acme/deplox");
            assertRefused(encode(header(parts[0], parts[1])) + "." + encode(otherClaims) + token.substring(lastDot), "signature");
        }
    }

    @Test
    void refusesCriticalHeadersEvenWhenNull() throws Exception {
        assertRefused(signed("{\"alg\":\"RS256\",\"kid\":\"rsa\",\"crit\":[\"exp\"],\"exp\":1}", validClaims(), rsa.getPrivate(), "RS256"), "'crit'");
        assertRefused(signed("{\"alg\":\"RS256\",\"kid\":\"rsa\",\"crit\":null}", validClaims(), rsa.getPrivate(), "RS256"), "'crit'");
    }

    @Test
    void refusesTokensOutsideTheirValidityWithTheClockSkew() throws Exception {
        long now = Instant.now().getEpochSecond();
        assertRefused(signed("RS256", "rsa", claims(now - 60, null, null)), "expired");
        assertRefused(signed("RS256", "rsa", claims(now + 600, now + 120, null)), REFUSED);
        assertRefused(signed("RS256", "rsa", claims(now + 600, null, now + 120)), REFUSED);
        assertRefused(signed("RS256", "rsa", claims(now + 600, null, now + 900)), REFUSED);
        assertRefused(signed("RS256", "rsa", claims(null, null, now)), REFUSED);
        assertEquals("deploy", authenticate(signed("RS256", "rsa", claims(now - 10, null, null))).identity().name(),
                "expired less than the 30 s clock skew ago");
        assertEquals("deploy", authenticate(signed("RS256", "rsa", claims(now + 600, now + 10, now + 10))).identity().name(),
                "valid and issued less than the 30 s clock skew from now");
    }

    @Test
    void refusesMalformedRegisteredClaims() throws Exception {
        long exp = Instant.now().getEpochSecond() + 600;
        String base = "\"aud\":\"gatehouse\",\"repository\":\"acme/deploy\",\"sub\":\"repo:acme/deploy\"";
        assertRefused(signed("RS256", "rsa", "{\"iss\":[\"" + issuer + "\"]," + base + ",\"exp\":" + exp + "}"), MALFORMED);
        assertRefused(signed("RS256", "rsa", "{\"iss\":\"" + issuer + "\"," + base + ",\"exp\":\"" + exp + "\"}"), REFUSED);
        assertRefused(signed("RS256", "rsa", "{\"iss\":\"" + issuer + "\"," + base + ",\"exp\":" + exp + "0000000000000000000}"), REFUSED);
        String numericAudience = "{\"iss\":\"" + issuer + "\",\"aud\":7,\"repository\":\"acme/deploy\",\"exp\":" + exp + "}";
        assertRefused(signed("RS256", "rsa", numericAudience), "malformed claims");
    }

    @Test
    void refusesATokenClaimingAnotherTrustedIssuer() throws Exception {
        PolicySnapshot twoIssuers = policy(issuer, identity("deploy", otherIssuer, IdentityStatus.ACTIVE, Instant.now().plusSeconds(3600)));
        String token = signed("RS256", "rsa", validClaims().replace(issuer, otherIssuer));
        Throwable failure = authenticator.authenticate(token, twoIssuers).toCompletionStage().toCompletableFuture()
                .handle((ok, error) -> error).join();
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        assertInstanceOf(AuthenticationException.class, cause);
        assertTrue(cause.getMessage().contains("signature"), "checked with the keys of the issuer it names: " + cause.getMessage());
    }

    private AuthenticatedCaller authenticate(String token) throws Exception {
        return authenticator.authenticate(token, policy).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private void assertRefused(String token, String reasonFragment) {
        Throwable failure = authenticator.authenticate(token, policy).toCompletionStage().toCompletableFuture()
                .handle((ok, error) -> error).join();
        Throwable cause = failure instanceof CompletionException ? failure.getCause() : failure;
        assertInstanceOf(AuthenticationException.class, cause, String.valueOf(cause));
        assertTrue(cause.getMessage().contains(reasonFragment), cause.getMessage());
        for (String part : token.split("\\.")) {
            assertFalse(part.length() > 8 && cause.getMessage().contains(part.substring(0, 8)), "the token must not be echoed");
        }
    }

    private static String validClaims() {
        return claims(Instant.now().getEpochSecond() + 300, null, Instant.now().getEpochSecond());
    }

    private static String claims(Long exp, Long nbf, Long iat) {
        JsonObject claims = new JsonObject().put("iss", issuer).put("aud", "gatehouse").put("sub", "repo:acme/deploy")
                .put("repository", "acme/deploy");
        if (exp != null) {
            claims.put("exp", exp);
        }
        if (nbf != null) {
            claims.put("nbf", nbf);
        }
        if (iat != null) {
            claims.put("iat", iat);
        }
        return claims.encode();
    }

    private static String header(String algorithm, String keyId) {
        JsonObject header = new JsonObject().put("alg", algorithm).put("typ", "JWT");
        return keyId == null ? header.encode() : header.put("kid", keyId).encode();
    }

    private static String signed(String algorithm, String keyId, String claims) throws Exception {
        KeyPair keys = switch (keyId) {
            case "rsa" -> rsa;
            case "rsa-1024" -> weakRsa;
            case "rsa-rs256" -> rsaForRs256Only;
            case "rsa-enc" -> rsaForEncryption;
            case "p256" -> p256;
            case "p384" -> p384;
            case "p521" -> p521;
            default -> ed25519;
        };
        return signed(header(algorithm, keyId), claims, keys.getPrivate(), algorithm);
    }

    /** Signs {@code header.claims} with {@code key} as {@code signingAlgorithm} does, whatever the header says. */
    private static String signed(String header, String claims, PrivateKey key, String signingAlgorithm) throws Exception {
        String signingInput = encode(header) + "." + encode(claims);
        byte[] signature = sign(signingAlgorithm, key, signingInput);
        if (signingAlgorithm.startsWith("ES")) {
            signature = derToConcatenated(signature, switch (signingAlgorithm) {
                case "ES256" -> 32;
                case "ES384" -> 48;
                default -> 66;
            });
        }
        return signingInput + "." + encode(signature);
    }

    /** An ES256 token whose signature is left in the JDK's DER form instead of JOSE's R || S. */
    private static String derSigned(String header, String claims, PrivateKey key) throws Exception {
        String signingInput = encode(header) + "." + encode(claims);
        return signingInput + "." + encode(sign("ES256", key, signingInput));
    }

    private static byte[] sign(String algorithm, PrivateKey key, String signingInput) throws Exception {
        Signature signer = switch (algorithm) {
            case "RS256" -> Signature.getInstance("SHA256withRSA");
            case "RS384" -> Signature.getInstance("SHA384withRSA");
            case "RS512" -> Signature.getInstance("SHA512withRSA");
            case "PS256", "PS384", "PS512" -> Signature.getInstance("RSASSA-PSS");
            case "ES256" -> Signature.getInstance("SHA256withECDSA");
            case "ES384" -> Signature.getInstance("SHA384withECDSA");
            case "ES512" -> Signature.getInstance("SHA512withECDSA");
            default -> Signature.getInstance("EdDSA");
        };
        if (algorithm.startsWith("PS")) {
            String bits = algorithm.substring(2);
            MGF1ParameterSpec mgf1 = switch (bits) {
                case "256" -> MGF1ParameterSpec.SHA256;
                case "384" -> MGF1ParameterSpec.SHA384;
                default -> MGF1ParameterSpec.SHA512;
            };
            signer.setParameter(new PSSParameterSpec("SHA-" + bits, "MGF1", mgf1, Integer.parseInt(bits) / 8, 1));
        }
        signer.initSign(key);
        signer.update(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signer.sign();
    }

    /** The JDK's DER ECDSA signature as JOSE's fixed-length R || S. */
    static byte[] derToConcatenated(byte[] der, int integerLength) {
        int offset = der[1] == (byte) 0x81 ? 3 : 2;
        int rLength = der[offset + 1];
        byte[] r = Arrays.copyOfRange(der, offset + 2, offset + 2 + rLength);
        int sOffset = offset + 2 + rLength;
        byte[] s = Arrays.copyOfRange(der, sOffset + 2, sOffset + 2 + der[sOffset + 1]);
        byte[] concatenated = new byte[2 * integerLength];
        copyRightAligned(r, concatenated, integerLength);
        copyRightAligned(s, concatenated, 2 * integerLength);
        return concatenated;
    }

    private static void copyRightAligned(byte[] integer, byte[] target, int end) {
        int start = integer.length > 0 && integer[0] == 0 ? 1 : 0;
        int length = integer.length - start;
        System.arraycopy(integer, start, target, end - length, length);
    }

    private static String encode(String json) {
        return encode(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String encode(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static KeyPair rsaKeys(int bits) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(bits);
        return generator.generateKeyPair();
    }

    private static KeyPair ecKeys(String curve) throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec(curve));
        return generator.generateKeyPair();
    }

    private static JsonObject jwk(KeyPair keys, String keyId) throws Exception {
        PublicJsonWebKey jwk = PublicJsonWebKey.Factory.newPublicJwk(keys.getPublic());
        jwk.setKeyId(keyId);
        return new JsonObject(jwk.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY));
    }
}
