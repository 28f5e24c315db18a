package io.gatehouse.approval.slack;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;

/**
 * Slack's request signing: {@code v0=} + hex HMAC-SHA256 with the signing secret over
 * {@code v0:{timestamp}:{raw body}}; the timestamp (seconds) must be within the allowed skew of now.
 */
public final class SlackSignatureVerifier {

    private static final String VERSION = "v0";

    private SlackSignatureVerifier() {
    }

    /** @return {@code null} when the request is authentic, else why not (never containing the secret) */
    public static String problem(String signingSecret, String timestamp, String signature, byte[] rawBody,
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
        byte[] expected = sign(signingSecret, timestamp.trim(), rawBody).getBytes(StandardCharsets.US_ASCII);
        byte[] actual = signature.trim().getBytes(StandardCharsets.US_ASCII);
        return MessageDigest.isEqual(expected, actual) ? null : "signature mismatch";
    }

    /** The {@code X-Slack-Signature} value of a request. */
    public static String sign(String signingSecret, String timestamp, byte[] rawBody) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(signingSecret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            mac.update((VERSION + ":" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return VERSION + "=" + HexFormat.of().formatHex(mac.doFinal(rawBody));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
