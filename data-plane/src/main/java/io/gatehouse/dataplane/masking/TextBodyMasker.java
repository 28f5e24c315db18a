package io.gatehouse.dataplane.masking;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Runs the detectors over a text body as it streams, holding back a bounded window: the last
 * {@code textWindow} characters are not sent until more text (or the end) shows that no match
 * runs through them. A match longer than the window (a private key block, a long token) is cut:
 * what was seen is masked at once and the rest is swallowed as the detector's continuation, so
 * memory stays bounded whatever the body holds. Bytes that are not valid in the charset become
 * U+FFFD.
 */
public final class TextBodyMasker implements BodyMasker {

    /** Characters kept before the unsent text so that look-behinds see what precedes it. */
    private static final int CONTEXT = 64;
    /** Characters kept unsent while swallowing a continuation, so that an end marker cut in two is still seen. */
    private static final int CONTINUATION_TAIL = 64;

    private final TextRedactor redactor;
    private final Charset charset;
    private final CharsetDecoder decoder;
    private final int window;
    private final int maxPending;
    private final MaskingSummary summary;
    private final StringBuilder text = new StringBuilder();
    private ByteBuffer undecoded = ByteBuffer.allocate(0);
    /** Everything before this index of {@link #text} has been sent (or swallowed). */
    private int sent;
    private DetectorRule continuing;

    public TextBodyMasker(MaskingPolicy policy, MaskingLimits limits, Charset charset) {
        this(policy.redactor(), limits, charset, new MaskingSummary());
    }

    TextBodyMasker(TextRedactor redactor, MaskingLimits limits, Charset charset, MaskingSummary summary) {
        this.redactor = redactor;
        this.charset = charset;
        this.decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE);
        this.window = limits.textWindow();
        this.maxPending = 4 * limits.textWindow();
        this.summary = summary;
    }

    @Override
    public byte[] feed(byte[] chunk) {
        decode(chunk, false);
        if (text.length() - sent < 2 * window) {
            return EMPTY;
        }
        return encode(scan(false));
    }

    @Override
    public byte[] finish() {
        decode(new byte[0], true);
        return encode(scan(true));
    }

    @Override
    public MaskingSummary summary() {
        return summary;
    }

    /** Characters held in memory (unsent text and its context). */
    int heldChars() {
        return text.length();
    }

    private void decode(byte[] chunk, boolean endOfInput) {
        ByteBuffer in;
        if (undecoded.hasRemaining()) {
            in = ByteBuffer.allocate(undecoded.remaining() + chunk.length);
            in.put(undecoded).put(chunk).flip();
        } else {
            in = ByteBuffer.wrap(chunk);
        }
        CharBuffer out = CharBuffer.allocate((int) (in.remaining() * (double) decoder.maxCharsPerByte()) + 16);
        CoderResult result = decoder.decode(in, out, endOfInput);
        if (result.isOverflow()) {
            throw new IllegalStateException("decoder output buffer too small");
        }
        if (endOfInput) {
            decoder.flush(out);
        }
        out.flip();
        text.append(out);
        undecoded = in.hasRemaining() ? ByteBuffer.wrap(java.util.Arrays.copyOfRange(in.array(),
                in.arrayOffset() + in.position(), in.arrayOffset() + in.limit())) : ByteBuffer.allocate(0);
    }

    private CharSequence scan(boolean end) {
        StringBuilder out = new StringBuilder();
        int length = text.length();
        if (continuing != null) {
            swallowContinuation(end);
            if (continuing != null) {
                compact();
                return out;
            }
        }
        int commit = end ? length : Math.max(sent, length - window);
        List<TextRedactor.Span> spans = redactor.find(text, sent, length, false);
        int at = sent;
        for (TextRedactor.Span span : spans) {
            boolean open = !end && (span.end() > commit || span.end() == length);
            if (span.matchStart() < commit && span.start() >= commit) {
                // the match begins before the commit point but what it replaces lies after: hold it all back
                commit = Math.max(at, span.matchStart());
                break;
            }
            if (open) {
                if (span.matchStart() > at || length - at <= maxPending) {
                    commit = Math.min(commit, Math.max(at, span.matchStart()));
                    break;
                }
                // a match longer than the window allows: mask what is here, swallow the rest as it comes
                out.append(text, at, span.start());
                TextRedactor.record(span, summary);
                MaskAction action = span.action();
                out.append(action instanceof MaskAction.Drop ? "" : cutReplacement(action));
                if (span.end() < length) {
                    // complete, only longer than the window
                    sent = span.end();
                    compact();
                    return out;
                }
                continuing = continuationOf(span);
                // the continuation swallows the match from its start, keeping a tail back to see where it ends
                sent = continuing == null ? length : span.start();
                if (continuing != null) {
                    swallowContinuation(false);
                }
                compact();
                return out;
            }
            if (span.start() >= commit) {
                break;
            }
            out.append(text, at, span.start());
            TextRedactor.record(span, summary);
            out.append(TextRedactor.replacement(text, span));
            at = span.end();
        }
        if (commit > at && commit < length && Character.isHighSurrogate(text.charAt(commit - 1))) {
            // never send half of a character
            commit--;
        }
        if (commit > at) {
            out.append(text, at, commit);
            at = commit;
        }
        sent = Math.max(at, sent);
        compact();
        return out;
    }

    /** A cut match is masked whole: keeping its last characters or hashing a part of it would mean nothing. */
    private static String cutReplacement(MaskAction action) {
        return action instanceof MaskAction.Redact redact ? redact.replacement() : MaskAction.DEFAULT_REPLACEMENT;
    }

    private static DetectorRule continuationOf(TextRedactor.Span span) {
        for (DetectorRule rule : span.rules()) {
            if (rule.detector().continuation() != null) {
                return rule;
            }
        }
        return null;
    }

    /** Swallows what continues a cut match; stops being in that state once the continuation ends before the text does. */
    private void swallowContinuation(boolean end) {
        Matcher matcher = continuing.detector().continuation().matcher(text);
        matcher.region(sent, text.length()).useTransparentBounds(true).useAnchoringBounds(false);
        if (!matcher.lookingAt()) {
            continuing = null;
            return;
        }
        if (matcher.end() < text.length() || end) {
            sent = matcher.end();
            continuing = null;
            return;
        }
        sent = Math.max(sent, text.length() - CONTINUATION_TAIL);
    }

    private void compact() {
        int drop = sent - CONTEXT;
        if (drop > 0) {
            text.delete(0, drop);
            sent -= drop;
        }
    }

    private byte[] encode(CharSequence chars) {
        if (chars.length() == 0) {
            return EMPTY;
        }
        return chars.toString().getBytes(charset == null ? StandardCharsets.UTF_8 : charset);
    }

    private static final byte[] EMPTY = new byte[0];
}
