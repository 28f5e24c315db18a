package io.gatehouse.dataplane.credential;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Replaces the injected credential wherever an upstream echoes it back (a debug endpoint that
 * reflects request headers, an error message quoting them), in response headers and in the body
 * as it streams. The body is never held whole: the last {@code secret length - 1} bytes of each
 * chunk are held back until the next one shows whether they start an echo.
 * <p>
 * The replacement has the credential's length, so a Content-Length stays true: it is
 * {@code [REDACTED***]}, padded with '*' (just '*'s for a credential shorter than the marker).
 * One instance per response: it is stateful and counts what it replaced.
 */
public final class CredentialEchoScrubber {

    private static final String MARKER = "[REDACTED]";

    private final byte[] secret;
    private final byte[] replacement;
    private final String secretAsHeaderText;
    private final String replacementText;
    private byte[] held = new byte[0];
    private int replaced;

    CredentialEchoScrubber(String secret) {
        this.secret = secret.getBytes(StandardCharsets.UTF_8);
        this.replacementText = replacementOfLength(this.secret.length);
        this.replacement = replacementText.getBytes(StandardCharsets.US_ASCII);
        // header values are read one char per byte
        this.secretAsHeaderText = new String(this.secret, StandardCharsets.ISO_8859_1);
    }

    static String replacementOfLength(int length) {
        if (length < MARKER.length()) {
            return "*".repeat(length);
        }
        return MARKER.substring(0, MARKER.length() - 1) + "*".repeat(length - MARKER.length()) + "]";
    }

    /** Scrubs the next body chunk; returns the bytes that are final (possibly fewer than were fed). */
    public byte[] scrub(byte[] chunk) {
        if (secret.length == 0) {
            return chunk;
        }
        byte[] data = held.length == 0 ? chunk : concat(held, chunk);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        int from = 0;
        int match;
        while ((match = indexOf(data, from)) >= 0) {
            out.write(data, from, match - from);
            out.write(replacement, 0, replacement.length);
            replaced++;
            from = match + secret.length;
        }
        // an echo may start in the last secret.length - 1 bytes and end in the next chunk
        int keep = Math.min(secret.length - 1, data.length - from);
        out.write(data, from, data.length - from - keep);
        held = Arrays.copyOfRange(data, data.length - keep, data.length);
        return out.toByteArray();
    }

    /** The end of the body: the held-back bytes, which cannot be an echo any more. */
    public byte[] finish() {
        byte[] rest = held;
        held = new byte[0];
        return rest;
    }

    /** A header value with every echo replaced. */
    public String scrubHeaderValue(String value) {
        if (secret.length == 0 || !value.contains(secretAsHeaderText)) {
            return value;
        }
        int from = 0;
        int match;
        StringBuilder out = new StringBuilder(value.length());
        while ((match = value.indexOf(secretAsHeaderText, from)) >= 0) {
            out.append(value, from, match).append(replacementText);
            replaced++;
            from = match + secretAsHeaderText.length();
        }
        return out.append(value, from, value.length()).toString();
    }

    /** True when {@code text} (a header name, say) holds the credential. */
    public boolean echoedIn(String text) {
        return secret.length > 0 && text.contains(secretAsHeaderText);
    }

    /** How many echoes were replaced so far. */
    public int replaced() {
        return replaced;
    }

    /** Counts an echo dealt with by the caller (a header dropped because its name held the credential). */
    public void countRemoved() {
        replaced++;
    }

    private int indexOf(byte[] data, int from) {
        outer:
        for (int i = from; i <= data.length - secret.length; i++) {
            for (int j = 0; j < secret.length; j++) {
                if (data[i + j] != secret[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] joined = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, joined, a.length, b.length);
        return joined;
    }

    @Override
    public String toString() {
        return "CredentialEchoScrubber[secret=<redacted>]";
    }
}
