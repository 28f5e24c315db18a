package io.gatehouse.dataplane.auth;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * A JWT in JWS compact serialization, split and decoded once: its JOSE header, its claims, the bytes its signature
 * covers and the signature. Nothing in it is trusted until {@link JwtVerifier} has checked the signature.
 */
final class CompactJwt {

    private static final Base64.Decoder BASE64URL = Base64.getUrlDecoder();

    private final Map<String, Object> header;
    private final Map<String, Object> claims;
    private final byte[] signedBytes;
    private final byte[] signature;

    private CompactJwt(Map<String, Object> header, Map<String, Object> claims, byte[] signedBytes, byte[] signature) {
        this.header = header;
        this.claims = claims;
        this.signedBytes = signedBytes;
        this.signature = signature;
    }

    /** @throws AuthenticationException unless the token is three base64url parts (no padding), a JSON header and JSON claims */
    static CompactJwt parse(String token) {
        int headerEnd = token.indexOf('.');
        int payloadEnd = headerEnd < 0 ? -1 : token.indexOf('.', headerEnd + 1);
        if (headerEnd <= 0 || payloadEnd <= headerEnd + 1 || token.indexOf('.', payloadEnd + 1) >= 0 || token.indexOf('=') >= 0) {
            throw new AuthenticationException(TokenRefusals.MALFORMED);
        }
        try {
            Map<String, Object> header = JoseJson.object(decode(token, 0, headerEnd));
            Map<String, Object> claims = JoseJson.object(decode(token, headerEnd + 1, payloadEnd));
            byte[] signature = decode(token, payloadEnd + 1, token.length());
            if (!(header.get("alg") instanceof String) || !isOptionalString(header.get("kid"))) {
                throw new AuthenticationException(TokenRefusals.MALFORMED);
            }
            return new CompactJwt(header, claims, token.substring(0, payloadEnd).getBytes(StandardCharsets.US_ASCII), signature);
        } catch (IOException | IllegalArgumentException e) {
            throw new AuthenticationException(TokenRefusals.MALFORMED);
        }
    }

    private static byte[] decode(String token, int start, int end) {
        return BASE64URL.decode(token.substring(start, end));
    }

    private static boolean isOptionalString(Object value) {
        return value == null || value instanceof String;
    }

    Map<String, Object> header() {
        return header;
    }

    Map<String, Object> claims() {
        return claims;
    }

    /** The {@code alg} header: always present, though not necessarily an algorithm the gateway accepts. */
    String algorithm() {
        return (String) header.get("alg");
    }

    /** The {@code kid} header, or null. */
    String keyId() {
        return (String) header.get("kid");
    }

    /** The ASCII of {@code header.payload}, which the signature covers. */
    byte[] signedBytes() {
        return signedBytes;
    }

    byte[] signature() {
        return signature;
    }
}
