package io.gatehouse.dataplane.masking;

import java.io.ByteArrayOutputStream;
import java.util.function.Supplier;

/**
 * For bodies whose declared type may not be what they hold (text/plain, no type): looks at the
 * first character that is not white space (after a UTF-8 byte order mark) and masks the body as
 * JSON if it is '{' or '[', as text otherwise. A body labelled text but holding JSON thus gets the
 * field rules too.
 */
public final class SniffingBodyMasker implements BodyMasker {

    /** Leading white space held while deciding; a body with more is text. */
    private static final int MAX_SNIFF = 4096;

    private final Supplier<BodyMasker> json;
    private final Supplier<BodyMasker> text;
    private final ByteArrayOutputStream held = new ByteArrayOutputStream();
    private BodyMasker chosen;

    public SniffingBodyMasker(Supplier<BodyMasker> json, Supplier<BodyMasker> text) {
        this.json = json;
        this.text = text;
    }

    @Override
    public byte[] feed(byte[] chunk) throws MaskingException {
        if (chosen != null) {
            return chosen.feed(chunk);
        }
        held.writeBytes(chunk);
        byte[] seen = held.toByteArray();
        int first = firstSignificant(seen);
        if (first < 0 && seen.length < MAX_SNIFF) {
            return new byte[0];
        }
        boolean looksLikeJson = first >= 0 && (seen[first] == '{' || seen[first] == '[');
        chosen = looksLikeJson ? json.get() : text.get();
        held.reset();
        // a JSON parser is given the body from its first significant byte (no BOM, which strict parsers refuse)
        return chosen.feed(looksLikeJson ? java.util.Arrays.copyOfRange(seen, first, seen.length) : seen);
    }

    @Override
    public byte[] finish() throws MaskingException {
        if (chosen == null) {
            chosen = text.get();
            byte[] head = chosen.feed(held.toByteArray());
            byte[] tail = chosen.finish();
            byte[] all = new byte[head.length + tail.length];
            System.arraycopy(head, 0, all, 0, head.length);
            System.arraycopy(tail, 0, all, head.length, tail.length);
            return all;
        }
        return chosen.finish();
    }

    @Override
    public MaskingSummary summary() {
        return chosen == null ? new MaskingSummary() : chosen.summary();
    }

    private static int firstSignificant(byte[] bytes) {
        int i = 0;
        if (bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF) {
            i = 3;
        }
        for (; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b != ' ' && b != '\t' && b != '\r' && b != '\n') {
                return i;
            }
        }
        return -1;
    }
}
