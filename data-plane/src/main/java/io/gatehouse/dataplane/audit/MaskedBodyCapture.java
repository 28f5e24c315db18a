package io.gatehouse.dataplane.audit;

import io.gatehouse.dataplane.masking.BodyMasker;
import io.gatehouse.dataplane.masking.MaskingException;
import io.gatehouse.dataplane.masking.MaskingLimits;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.masking.ResponseMaskers;
import io.vertx.core.buffer.Buffer;

import java.util.Map;

/**
 * Keeps the first bytes of a caller's request body for its audit record, masked by the resource's rules: the
 * recorded copy goes through the same maskers as a response of that type would (JSON by content type, other text
 * sniffed and run through the detectors), and the <em>masked</em> output is capped — so a value cut by the cap is
 * masked before it is cut, never recorded in part. What the upstream gets is not touched: this only reads the chunks
 * as they pass.
 *
 * <p>Bounded work and memory: the masker is fed the body in slices only until its output has filled the cap (and
 * shown that there is more); past that, chunks are only counted. A masker holds no more than its limits allow.
 * Nothing here pushes back on the stream: a body that cannot be masked (invalid JSON, past a masking limit, a
 * charset that is not masked) or a masker that fails in any way only makes the record hold its size and content type,
 * flagged {@link RecordedBody#unmaskable() unmaskable} with the reason — never its bytes, not even those masked
 * before the failure was seen.
 *
 * <p>Without masking rules, or for a body that is not recorded anyway (not text, encoded), this is a plain
 * {@link BodyCapture}. Not thread-safe: fed on the request's event loop.
 */
public final class MaskedBodyCapture {

    /** The least input handed to the masker at a time while its output has not yet filled the cap. */
    static final int MIN_SLICE = 1024;

    private final BodyCapture capture;
    private final String contentType;
    private final boolean masked;
    private BodyMasker masker;
    private long size;
    private boolean ended;
    /** The masked output overflowed the cap, so the rest of the body was only counted. */
    private boolean stoppedAtCap;
    private String unmaskable;
    private Map<String, Integer> maskedValues = Map.of();

    private MaskedBodyCapture(BodyCapture capture, String contentType, BodyMasker masker, String unmaskable) {
        this.capture = capture;
        this.contentType = contentType;
        this.masked = masker != null || unmaskable != null;
        this.masker = masker;
        this.unmaskable = unmaskable;
    }

    /**
     * @param policy          the resource's masking rules ({@link MaskingPolicy#NONE}: the body is kept as sent)
     * @param contentType     the body's Content-Type, or null
     * @param contentEncoding its Content-Encoding, or null: an encoded body is recorded by size only
     * @param cap             the most (masked) bytes kept
     */
    public static MaskedBodyCapture of(MaskingPolicy policy, MaskingLimits limits, String contentType,
                                       String contentEncoding, int cap) {
        BodyCapture capture = BodyCapture.of(contentType, contentEncoding, cap);
        if (!policy.masks() || capture.wanted() == 0) {
            // nothing to mask, or a body whose bytes are not recorded at all
            return new MaskedBodyCapture(capture, contentType, null, null);
        }
        try {
            // the body is plain here (an encoded one is not recorded): only its type chooses the masker
            return new MaskedBodyCapture(capture, contentType, ResponseMaskers.forResponse(policy, limits, contentType, null), null);
        } catch (MaskingException e) {
            return new MaskedBodyCapture(capture, contentType, null, reason(e));
        } catch (RuntimeException e) {
            return new MaskedBodyCapture(capture, contentType, null, internalFailure(e));
        }
    }

    /** Whether the recorded copy goes through masking rules. */
    public boolean masks() {
        return masked;
    }

    /** One chunk of the body as it passes; never throws. */
    public void feed(Buffer chunk) {
        int length = chunk.length();
        size += length;
        if (!masked) {
            // once the cap is reached, only the length of each chunk is counted: no copy
            capture.feed(chunk.getBytes(0, Math.min(length, capture.wanted())), length);
            return;
        }
        if (masker == null) {
            return;
        }
        try {
            for (int at = 0; at < length && masker != null; ) {
                int slice = Math.min(length - at, Math.max(capture.wanted(), MIN_SLICE));
                keep(masker.feed(chunk.getBytes(at, at + slice)));
                at += slice;
            }
        } catch (MaskingException e) {
            fail(reason(e));
        } catch (RuntimeException e) {
            fail(internalFailure(e));
        }
    }

    /** A body read whole before it was forwarded. */
    public void feed(byte[] body) {
        feed(Buffer.buffer(body));
    }

    /** The body has ended: the masker gives what it held back, or says the body was incomplete or invalid. */
    public void end() {
        if (ended) {
            return;
        }
        ended = true;
        if (masker == null) {
            return;
        }
        try {
            keep(masker.finish());
            if (masker != null) {
                done();
            }
        } catch (MaskingException e) {
            fail(reason(e));
        } catch (RuntimeException e) {
            fail(internalFailure(e));
        }
    }

    /** What was seen so far: the masked head of the body, or its size only. */
    public RecordedBody result() {
        if (unmaskable != null) {
            return RecordedBody.unmaskable(size, contentType, unmaskable);
        }
        RecordedBody kept = capture.result();
        if (!masked) {
            return kept;
        }
        // the capture counted masked output; the record gives the size of the body as sent
        boolean complete = ended && !stoppedAtCap;
        boolean truncated = kept.truncated() || !complete;
        return new RecordedBody(size, contentType, kept.content(), truncated, kept.binary(), null);
    }

    /**
     * How many values each rule masked, by rule name, in the part of the body that was masked for the record (at
     * least the part kept); empty when the body could not be masked (see {@link #unmaskable()}). Never the values.
     */
    public Map<String, Integer> maskedValues() {
        if (masker != null) {
            return masker.summary().countsByRule();
        }
        return maskedValues;
    }

    /** Why the body could not be masked, or null. */
    public String unmaskable() {
        return unmaskable;
    }

    private void keep(byte[] masked) {
        capture.feed(masked);
        if (capture.overflowed()) {
            // the masked output is past the cap: what is kept is final, the rest need not be masked
            stoppedAtCap = true;
            done();
        }
    }

    private void done() {
        maskedValues = masker.summary().countsByRule();
        masker = null;
    }

    private void fail(String why) {
        unmaskable = why;
        masker = null;
        maskedValues = Map.of();
    }

    /** Masking messages never hold body content; those about the type are worded for responses. */
    private static String reason(MaskingException e) {
        String message = e.getMessage() == null ? "it cannot be masked" : e.getMessage();
        return message.replaceFirst("^the upstream sent", "the caller sent");
    }

    /** A masker bug must not stop the call; its message might hold content, so only its kind is kept. */
    private static String internalFailure(RuntimeException e) {
        return "the masker failed (" + e.getClass().getSimpleName() + ")";
    }
}
