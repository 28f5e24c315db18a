package io.gatehouse.dataplane.audit;

import java.util.Arrays;
import java.util.Locale;

/**
 * Keeps the first bytes of a body that streams past, for its audit record: never more than the cap, however
 * long the body, and none at all of a body that is not text (only its size is counted).
 */
public final class BodyCapture {

    private final String contentType;
    private final boolean textual;
    private final int cap;
    /** The first {@link #keptLength} bytes are the body's; grown by doubling, so tiny chunks cost no more than big ones. */
    private byte[] kept = new byte[0];
    private int keptLength;
    private long size;

    private BodyCapture(String contentType, boolean textual, int cap) {
        this.contentType = contentType;
        this.textual = textual;
        this.cap = cap;
    }

    /**
     * @param contentType     the body's Content-Type, or null
     * @param contentEncoding its Content-Encoding, or null: an encoded (compressed) body is not text
     * @param cap             the most bytes kept
     */
    public static BodyCapture of(String contentType, String contentEncoding, int cap) {
        boolean plain = contentEncoding == null || contentEncoding.isBlank() || contentEncoding.strip().equalsIgnoreCase("identity");
        return new BodyCapture(contentType, plain && isText(contentType), cap);
    }

    /** Text by its media type: text/*, JSON, XML, NDJSON, form data, JavaScript, YAML, GraphQL. */
    static boolean isText(String contentType) {
        if (contentType == null) {
            return false;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.endsWith("+json") || type.endsWith("+xml")
                || type.equals("application/json") || type.equals("application/xml")
                || type.equals("application/x-ndjson") || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/javascript") || type.equals("application/yaml")
                || type.equals("application/graphql");
    }

    public void feed(byte[] chunk) {
        feed(chunk, chunk.length);
    }

    /** How many more bytes of the body would be kept: callers need copy no more of a chunk than that. */
    public int wanted() {
        return textual ? Math.max(0, cap - keptLength) : 0;
    }

    /**
     * A chunk of {@code chunkLength} bytes passed, of which {@code head} holds the first ones (at least
     * {@link #wanted()} of them, or all).
     */
    public void feed(byte[] head, int chunkLength) {
        size += chunkLength;
        if (!textual || keptLength >= cap || head.length == 0) {
            return;
        }
        int take = Math.min(head.length, cap - keptLength);
        if (keptLength + take > kept.length) {
            kept = Arrays.copyOf(kept, Math.min(cap, Math.max(keptLength + take, 2 * kept.length)));
        }
        System.arraycopy(head, 0, kept, keptLength, take);
        keptLength += take;
    }

    /** More bytes passed than were kept. */
    public boolean overflowed() {
        return size > keptLength;
    }

    /** What was seen so far. A body holding NUL bytes is not text after all, and is recorded as binary. */
    public RecordedBody result() {
        byte[] content = Arrays.copyOf(kept, keptLength);
        boolean binary = !textual || containsNul(content);
        return new RecordedBody(size, contentType, binary ? new byte[0] : content, size > keptLength, binary);
    }

    private static boolean containsNul(byte[] bytes) {
        for (byte b : bytes) {
            if (b == 0) {
                return true;
            }
        }
        return false;
    }
}
