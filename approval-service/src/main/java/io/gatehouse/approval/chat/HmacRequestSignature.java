package io.gatehouse.approval.chat;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Request signing as Slack does it, also used for the generic webhook: {@code v0=} + hex HMAC-SHA256 with
 * the shared secret over {@code v0:{timestamp}:{raw body}}; the timestamp (Unix seconds) must be within the
 * allowed skew of now. Signatures are compared in constant time.
 */
public final class HmacRequestSignature {

    private static final String VERSION = "v0";

    private HmacRequestSignature() {
    }

    /** @return {@code null} when the request is authentic, else why not (never containing the secret) */
    public static String problem(String secret, String timestamp, String signature, byte[] rawBody,
            Instant now, Duration maxSkew) {
        if (timestamp == null || signature == null) {
            return "missing signature headers";
        }
        long seconds;
        try {
            seconds = Long.parseLong(timestamp.trim());
        } catch (NumberFormatException e) {
            return "malformed timestamp";
        }
        if (Math.abs(now.getEpochSecond() - seconds) > maxSkew.toSeconds()) {
            return "stale timestamp";
        }
        byte[] expected = sign(secret, timestamp.trim(), rawBody).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? null : "signature mismatch";
    }

    /** The signature header value of a request. */
    public static String sign(String secret, String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
