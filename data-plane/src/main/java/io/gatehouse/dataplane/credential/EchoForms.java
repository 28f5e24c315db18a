package io.gatehouse.dataplane.credential;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;

/**
 * The forms of one credential that {@link CredentialEchoScrubber} looks for, prepared once per credential and
 * injection style (encoded, ordered, indexed by first byte) rather than for every response.
 */
final class EchoForms {

    /** Longest first: where two forms match at one place, the longer one is replaced. */
    final byte[][] bytes;
    /** The same forms as header values are read: one char per byte. */
    final String[] asHeaderText;
    /** The longest form's length. */
    final int window;
    private final boolean[] startsWith = new boolean[256];

    private EchoForms(byte[][] bytes) {
        this.bytes = bytes;
        this.asHeaderText = Arrays.stream(bytes).map(form -> new String(form, StandardCharsets.ISO_8859_1)).toArray(String[]::new);
        this.window = bytes.length == 0 ? 0 : bytes[0].length;
        for (byte[] form : bytes) {
            startsWith[form[0] & 0xff] = true;
        }
    }

    static EchoForms of(Collection<String> secretForms) {
        return new EchoForms(secretForms.stream()
                .filter(form -> form != null && !form.isEmpty())
                .distinct()
                .map(form -> form.getBytes(StandardCharsets.UTF_8))
                .sorted(Comparator.comparingInt((byte[] form) -> form.length).reversed())
                .toArray(byte[][]::new));
    }

    boolean isEmpty() {
        return bytes.length == 0;
    }

    /** False when no form begins with {@code b}: most bytes of a body, skipped without comparing any form. */
    boolean mayStartWith(byte b) {
        return startsWith[b & 0xff];
    }
}
