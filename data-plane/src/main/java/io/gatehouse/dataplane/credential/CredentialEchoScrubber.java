package io.gatehouse.dataplane.credential;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;

/**
 * Replaces the injected credential wherever an upstream echoes it back (a debug endpoint that
 * reflects request headers, an error message quoting them), in response headers and in the body
 * as it streams. A credential may have several forms to look for (the value and its URL-encoded
 * form, an access token and the client secret that bought it); each is replaced. The body is never
 * held whole: the last {@code longest form - 1} bytes of each chunk are held back until the next one
 * shows whether they start an echo.
 * <p>
 * The replacement has the echoed form's length, so a Content-Length stays true: it is
 * {@code [REDACTED***]}, padded with '*' (just '*'s for a form shorter than the marker).
 * One instance per response: it is stateful and counts what it replaced.
 */
public final class CredentialEchoScrubber {

    private static final String MARKER = "[REDACTED]";

    private final EchoForms forms;
    private byte[] held = new byte[0];
    private int replaced;

    CredentialEchoScrubber(String secret) {
        this(List.of(secret));
    }

    CredentialEchoScrubber(Collection<String> secretForms) {
        this(EchoForms.of(secretForms));
    }

    CredentialEchoScrubber(EchoForms forms) {
        this.forms = forms;
    }

    static String replacementOfLength(int length) {
        if (length < MARKER.length()) {
            return "*".repeat(length);
        }
        return MARKER.substring(0, MARKER.length() - 1) + "*".repeat(length - MARKER.length()) + "]";
    }

    /** Scrubs the next body chunk; returns the bytes that are final (possibly fewer than were fed). */
    public byte[] scrub(byte[] chunk) {
        if (forms.isEmpty()) {
            return chunk;
        }
        byte[] data = held.length == 0 ? chunk : concat(held, chunk);
        ByteArrayOutputStream out = new ByteArrayOutputStream(data.length);
        int from = replaceEchoes(data, out);
        // an echo may start in the last window - 1 bytes and end in the next chunk
        int keep = Math.min(forms.window - 1, data.length - from);
        out.write(data, from, data.length - from - keep);
        held = Arrays.copyOfRange(data, data.length - keep, data.length);
        return out.toByteArray();
    }

    /** The end of the body: the held-back bytes, scrubbed of any shorter form that ends there. */
    public byte[] finish() {
        byte[] rest = held;
        held = new byte[0];
        if (rest.length == 0) {
            return rest;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(rest.length);
        int from = replaceEchoes(rest, out);
        out.write(rest, from, rest.length - from);
        return out.toByteArray();
    }

    /** A header value with every echo replaced. */
    public String scrubHeaderValue(String value) {
        if (!echoedIn(value)) {
            return value;
        }
        String scrubbed = value;
        for (String form : forms.asHeaderText) {
            if (scrubbed.contains(form)) {
                StringBuilder out = new StringBuilder(scrubbed.length());
                int from = 0;
                int match;
                while ((match = scrubbed.indexOf(form, from)) >= 0) {
                    out.append(scrubbed, from, match).append(replacementOfLength(form.length()));
                    replaced++;
                    from = match + form.length();
                }
                scrubbed = out.append(scrubbed, from, scrubbed.length()).toString();
            }
        }
        return scrubbed;
    }

    /** True when {@code text} (a header name, say) holds the credential in any of its forms. */
    public boolean echoedIn(String text) {
        for (String form : forms.asHeaderText) {
            if (text.contains(form)) {
                return true;
            }
        }
        return false;
    }

    /** How many echoes were replaced so far. */
    public int replaced() {
        return replaced;
    }

    /** Counts an echo dealt with by the caller (a header dropped because its name held the credential). */
    public void countRemoved() {
        replaced++;
    }

    /** Writes {@code data} up to the end of its last echo, each echo replaced; returns where the rest begins. */
    private int replaceEchoes(byte[] data, ByteArrayOutputStream out) {
        int from = 0;
        long match;
        while ((match = firstMatch(data, from)) >= 0) {
            int at = (int) (match >>> 32);
            int length = (int) match;
            out.write(data, from, at - from);
            out.writeBytes(replacementOfLength(length).getBytes(StandardCharsets.US_ASCII));
            replaced++;
            from = at + length;
        }
        return from;
    }

    /** The earliest match at or after {@code from} as (position << 32 | form length), or -1. */
    private long firstMatch(byte[] data, int from) {
        for (int i = from; i < data.length; i++) {
            if (!forms.mayStartWith(data[i])) {
                continue;
            }
            for (byte[] form : forms.bytes) {
                if (matchesAt(data, i, form)) {
                    return ((long) i << 32) | form.length;
                }
            }
        }
        return -1;
    }

    private static boolean matchesAt(byte[] data, int at, byte[] form) {
        if (at + form.length > data.length) {
            return false;
        }
        for (int j = 0; j < form.length; j++) {
            if (data[at + j] != form[j]) {
                return false;
            }
        }
        return true;
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
