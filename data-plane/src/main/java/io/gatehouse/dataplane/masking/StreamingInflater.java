package io.gatehouse.dataplane.masking;

import java.io.ByteArrayOutputStream;
import java.util.zip.CRC32;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * Inflates gzip (RFC 1952, members one after another, each CRC and length checked) or deflate
 * (zlib-wrapped per RFC 1950, or raw as some servers send it) pushed in pieces of any size. Output
 * comes in pieces of at most {@value #PIECE} bytes, so the caller can check limits between them.
 */
final class StreamingInflater {

    static final int PIECE = 16 * 1024;
    private static final int MAX_HEADER = 64 * 1024;

    interface Sink {
        void accept(byte[] bytes, int length) throws MaskingException;
    }

    private enum State { HEADER, BODY, FOOTER, MEMBER_END, DONE }

    private final boolean gzip;
    private final byte[] piece = new byte[PIECE];
    private final CRC32 crc = new CRC32();
    private final ByteArrayOutputStream pending = new ByteArrayOutputStream();
    private Inflater inflater;
    private State state;
    private long memberSize;

    StreamingInflater(boolean gzip) {
        this.gzip = gzip;
        this.state = State.HEADER;
    }

    void push(byte[] input, Sink sink) throws MaskingException {
        byte[] data = input;
        int offset = 0;
        while (offset < data.length) {
            switch (state) {
                case HEADER, FOOTER -> {
                    pending.writeBytes(java.util.Arrays.copyOfRange(data, offset, data.length));
                    offset = data.length;
                    byte[] held = pending.toByteArray();
                    int used = state == State.HEADER ? header(held) : footer(held);
                    if (used < 0) {
                        if (held.length > MAX_HEADER) {
                            throw corrupt();
                        }
                        return;
                    }
                    pending.reset();
                    data = held;
                    offset = used;
                }
                case BODY -> {
                    inflater.setInput(data, offset, data.length - offset);
                    offset = data.length;
                    inflate(sink);
                    if (inflater.finished()) {
                        int remaining = inflater.getRemaining();
                        offset = data.length - remaining;
                        afterBody();
                    }
                }
                case MEMBER_END -> {
                    if (!gzip) {
                        throw new MaskingException("the deflate body has data after its end");
                    }
                    state = State.HEADER;
                }
                case DONE -> throw new MaskingException("the deflate body has data after its end");
            }
        }
    }

    /** Whether the stream ended where a stream may end (never in the middle of a member). */
    boolean complete() {
        return state == State.MEMBER_END || state == State.DONE;
    }

    void close() {
        if (inflater != null) {
            inflater.end();
        }
    }

    private void inflate(Sink sink) throws MaskingException {
        try {
            while (!inflater.finished()) {
                int n = inflater.inflate(piece);
                if (n == 0) {
                    if (inflater.needsInput()) {
                        return;
                    }
                    if (inflater.needsDictionary()) {
                        throw corrupt();
                    }
                    continue;
                }
                if (gzip) {
                    crc.update(piece, 0, n);
                    memberSize += n;
                }
                sink.accept(piece, n);
            }
        } catch (DataFormatException e) {
            throw corrupt();
        }
    }

    private void afterBody() {
        inflater.end();
        inflater = null;
        state = gzip ? State.FOOTER : State.DONE;
    }

    /** The length of a complete gzip member header at the start of {@code bytes}, or -1 if more is needed. */
    private int header(byte[] bytes) throws MaskingException {
        if (!gzip) {
            if (bytes.length < 2) {
                return -1;
            }
            int cmf = bytes[0] & 0xFF;
            int flg = bytes[1] & 0xFF;
            boolean zlib = (cmf & 0x0F) == 8 && (cmf * 256 + flg) % 31 == 0;
            inflater = new Inflater(!zlib);
            state = State.BODY;
            return 0;
        }
        if (bytes.length < 10) {
            return -1;
        }
        if ((bytes[0] & 0xFF) != 0x1F || (bytes[1] & 0xFF) != 0x8B || bytes[2] != 8) {
            throw corrupt();
        }
        int flags = bytes[3] & 0xFF;
        int at = 10;
        if ((flags & 0x04) != 0) { // FEXTRA
            if (bytes.length < at + 2) {
                return -1;
            }
            at += 2 + ((bytes[at] & 0xFF) | (bytes[at + 1] & 0xFF) << 8);
        }
        for (int flag : new int[]{0x08, 0x10}) { // FNAME, FCOMMENT: zero-terminated
            if ((flags & flag) != 0) {
                while (at < bytes.length && bytes[at] != 0) {
                    at++;
                }
                at++;
            }
        }
        if ((flags & 0x02) != 0) { // FHCRC
            at += 2;
        }
        if (at > bytes.length) {
            return -1;
        }
        inflater = new Inflater(true);
        crc.reset();
        memberSize = 0;
        state = State.BODY;
        return at;
    }

    private int footer(byte[] bytes) throws MaskingException {
        if (bytes.length < 8) {
            return -1;
        }
        long crcValue = (bytes[0] & 0xFFL) | (bytes[1] & 0xFFL) << 8 | (bytes[2] & 0xFFL) << 16 | (bytes[3] & 0xFFL) << 24;
        long size = (bytes[4] & 0xFFL) | (bytes[5] & 0xFFL) << 8 | (bytes[6] & 0xFFL) << 16 | (bytes[7] & 0xFFL) << 24;
        if (crcValue != crc.getValue() || size != (memberSize & 0xFFFFFFFFL)) {
            throw corrupt();
        }
        state = State.MEMBER_END;
        return 8;
    }

    private MaskingException corrupt() {
        return new MaskingException("the " + (gzip ? "gzip" : "deflate") + " body is corrupt and cannot be inflated to be masked");
    }
}
