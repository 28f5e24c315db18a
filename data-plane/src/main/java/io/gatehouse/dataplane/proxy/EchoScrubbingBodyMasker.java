package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.credential.CredentialEchoScrubber;
import io.gatehouse.dataplane.masking.BodyMasker;
import io.gatehouse.dataplane.masking.MaskingException;
import io.gatehouse.dataplane.masking.MaskingSummary;

import java.util.Arrays;

/**
 * The last stage of every response body: what the masker (if any) lets out is scrubbed of the
 * injected credential before it goes to the caller. It runs after masking and inflating, on the
 * bytes the caller will actually read.
 */
final class EchoScrubbingBodyMasker implements BodyMasker {

    private final BodyMasker inner;
    private final CredentialEchoScrubber scrubber;

    EchoScrubbingBodyMasker(BodyMasker inner, CredentialEchoScrubber scrubber) {
        this.inner = inner;
        this.scrubber = scrubber;
    }

    /** For resources without masking rules: the body as it came, scrubbed. */
    static BodyMasker unmasked(CredentialEchoScrubber scrubber) {
        return new EchoScrubbingBodyMasker(passThrough(), scrubber);
    }

    /** A masker that changes nothing, to put in front of the scrubber. */
    static BodyMasker passThrough() {
        return new PassThrough();
    }

    @Override
    public byte[] feed(byte[] chunk) throws MaskingException {
        return scrubber.scrub(inner.feed(chunk));
    }

    @Override
    public byte[] finish() throws MaskingException {
        byte[] last = scrubber.scrub(inner.finish());
        byte[] rest = scrubber.finish();
        byte[] all = Arrays.copyOf(last, last.length + rest.length);
        System.arraycopy(rest, 0, all, last.length, rest.length);
        return all;
    }

    @Override
    public MaskingSummary summary() {
        return inner.summary();
    }

    private static final class PassThrough implements BodyMasker {
        private final MaskingSummary nothingMasked = new MaskingSummary();

        @Override
        public byte[] feed(byte[] chunk) {
            return chunk;
        }

        @Override
        public byte[] finish() {
            return new byte[0];
        }

        @Override
        public MaskingSummary summary() {
            return nothingMasked;
        }
    }
}
