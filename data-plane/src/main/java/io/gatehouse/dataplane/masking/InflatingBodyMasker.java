package io.gatehouse.dataplane.masking;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.compression.ZlibCodecFactory;
import io.netty.handler.codec.compression.ZlibDecoder;
import io.netty.handler.codec.compression.ZlibWrapper;

import java.io.ByteArrayOutputStream;

/**
 * Inflates a gzip or deflate body as it streams and masks what comes out; the masked body is sent
 * without Content-Encoding. A compression bomb is refused: inflated output is capped in total and
 * in its ratio to the compressed input (the ratio is judged once a megabyte has come out, so small
 * bodies that compress well pass). A corrupt or truncated stream fails.
 */
public final class InflatingBodyMasker implements BodyMasker {

    private static final long RATIO_GRACE_BYTES = 1024 * 1024;

    private final BodyMasker inner;
    /** Compressed input is inflated this much at a time, so that a bomb is caught before it fills memory. */
    private static final int SLICE = 2048;

    private final EmbeddedChannel inflater;
    private final ZlibDecoder decoder;
    private final MaskingLimits limits;
    private final String encoding;
    private long compressedBytes;
    private long inflatedBytes;

    /** @param encoding "gzip" or "deflate" (zlib-wrapped, or raw deflate as some servers send it) */
    public InflatingBodyMasker(String encoding, BodyMasker inner, MaskingLimits limits) {
        this.inner = inner;
        this.limits = limits;
        this.encoding = encoding;
        ZlibWrapper wrapper = switch (encoding) {
            case "gzip" -> ZlibWrapper.GZIP;
            case "deflate" -> ZlibWrapper.ZLIB_OR_NONE;
            default -> throw new IllegalArgumentException("not an inflatable encoding: " + encoding);
        };
        this.decoder = ZlibCodecFactory.newZlibDecoder(wrapper);
        this.inflater = new EmbeddedChannel(decoder);
    }

    @Override
    public byte[] feed(byte[] chunk) throws MaskingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int offset = 0; offset < chunk.length; offset += SLICE) {
            int length = Math.min(SLICE, chunk.length - offset);
            compressedBytes += length;
            try {
                inflater.writeInbound(Unpooled.wrappedBuffer(chunk, offset, length));
            } catch (RuntimeException e) {
                close();
                throw new MaskingException("the " + encoding + " body is corrupt and cannot be inflated to be masked");
            }
            out.writeBytes(maskInflated());
        }
        return out.toByteArray();
    }

    @Override
    public byte[] finish() throws MaskingException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(maskInflated());
        boolean complete = compressedBytes == 0 || decoder.isClosed();
        close();
        if (!complete) {
            throw new MaskingException("the " + encoding + " body ended before its compressed stream did");
        }
        out.writeBytes(inner.finish());
        return out.toByteArray();
    }

    @Override
    public MaskingSummary summary() {
        return inner.summary();
    }

    private byte[] maskInflated() throws MaskingException {
        ByteArrayOutputStream out = null;
        ByteBuf piece;
        while ((piece = inflater.readInbound()) != null) {
            try {
                inflatedBytes += piece.readableBytes();
                checkBomb();
                byte[] bytes = new byte[piece.readableBytes()];
                piece.readBytes(bytes);
                byte[] masked = inner.feed(bytes);
                if (masked.length > 0) {
                    if (out == null) {
                        out = new ByteArrayOutputStream(masked.length);
                    }
                    out.writeBytes(masked);
                }
            } catch (MaskingException e) {
                close();
                throw e;
            } finally {
                piece.release();
            }
        }
        return out == null ? new byte[0] : out.toByteArray();
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

    private void close() {
        try {
            inflater.finishAndReleaseAll();
        } catch (RuntimeException ignored) {
            // the body is refused anyway; what the decoder thinks of the rest does not matter
        }
    }
}
