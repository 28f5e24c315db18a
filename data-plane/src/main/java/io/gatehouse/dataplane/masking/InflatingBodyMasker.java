package io.gatehouse.dataplane.masking;

import java.io.ByteArrayOutputStream;

/**
 * Inflates a gzip or deflate body as it streams and masks what comes out; the masked body is sent
 * without Content-Encoding. A compression bomb is refused: inflated output is capped in total and
 * in its ratio to the compressed input (the ratio is judged once a megabyte has come out, so small
 * bodies that compress well pass), checked every {@value StreamingInflater#PIECE} bytes. A corrupt
 * or truncated stream fails.
 */
public final class InflatingBodyMasker implements BodyMasker {

    private static final long RATIO_GRACE_BYTES = 1024 * 1024;

    private final BodyMasker inner;
    private final StreamingInflater inflater;
    private final MaskingLimits limits;
    private final String encoding;
    private long compressedBytes;
    private long inflatedBytes;

    /** @param encoding "gzip" or "deflate" */
    public InflatingBodyMasker(String encoding, BodyMasker inner, MaskingLimits limits) {
        if (!encoding.equals("gzip") && !encoding.equals("deflate")) {
            throw new IllegalArgumentException("not an inflatable encoding: " + encoding);
        }
        this.inner = inner;
        this.limits = limits;
        this.encoding = encoding;
        this.inflater = new StreamingInflater(encoding.equals("gzip"));
    }

    @Override
    public byte[] feed(byte[] chunk) throws MaskingException {
        compressedBytes += chunk.length;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            inflater.push(chunk, (bytes, length) -> {
                inflatedBytes += length;
                checkBomb();
                out.writeBytes(inner.feed(java.util.Arrays.copyOf(bytes, length)));
            });
        } catch (MaskingException e) {
            inflater.close();
            throw e;
        }
        return out.toByteArray();
    }

    @Override
    public byte[] finish() throws MaskingException {
        inflater.close();
        if (compressedBytes > 0 && !inflater.complete()) {
            throw new MaskingException("the " + encoding + " body ended before its compressed stream did");
        }
        return inner.finish();
    }

    @Override
    public MaskingSummary summary() {
        return inner.summary();
    }

    private void checkBomb() throws MaskingException {
        if (inflatedBytes > limits.maxInflatedBytes()) {
            throw new MaskingException("the " + encoding + " body inflates to more than " + limits.maxInflatedBytes() + " bytes");
        }
        if (inflatedBytes > RATIO_GRACE_BYTES && inflatedBytes > compressedBytes * limits.maxInflateRatio()) {
            throw new MaskingException("the " + encoding + " body inflates more than " + limits.maxInflateRatio()
                    + " times (a compression bomb?)");
        }
    }
}
