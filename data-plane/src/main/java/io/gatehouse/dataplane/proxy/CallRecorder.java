package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.BodyCapture;
import io.gatehouse.dataplane.audit.CallDetails;
import io.gatehouse.dataplane.audit.RecordedHeaders;
import io.gatehouse.dataplane.masking.BodyMasker;
import io.gatehouse.dataplane.masking.MaskingException;
import io.gatehouse.dataplane.masking.MaskingSummary;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Recording;
import io.gatehouse.dataplane.policy.Resource;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;

import java.util.Map;

/**
 * Collects what a resource's recording policy asks of one call: the allow-listed headers the caller sent and
 * received, and (level bodies) the first bytes of the caller's body and of the response body exactly as the
 * caller receives it — the output of the masker and credential scrubber. Bodies are tapped as they stream;
 * nothing is buffered beyond the cap.
 */
final class CallRecorder {

    private final Recording recording;
    private final String injectedHeader;
    private Map<String, String> requestHeaders = Map.of();
    private Map<String, String> responseHeaders = Map.of();
    private BodyCapture requestBody;
    private BodyCapture responseBody;
    private boolean bestEffort;

    CallRecorder(Resource resource) {
        this.recording = resource.recording();
        this.injectedHeader = resource.injectionStyle() == InjectionStyle.HEADER ? resource.injection().name() : null;
    }

    boolean bestEffortWhenSpoolFull() {
        return recording.bestEffortWhenSpoolFull();
    }

    /** The call goes on although its start could not be spooled. */
    void forwardedBestEffort() {
        bestEffort = true;
    }

    void requestHeaders(MultiMap headers) {
        if (recording.recordsHeaders()) {
            requestHeaders = RecordedHeaders.select(headers, recording.headers(), injectedHeader);
        }
    }

    /** The response headers as the caller receives them (after copying and scrubbing). */
    void responseHeaders(MultiMap headers) {
        if (recording.recordsHeaders()) {
            responseHeaders = RecordedHeaders.select(headers, recording.headers(), injectedHeader);
        }
    }

    /** The caller's body as it streams to the upstream; the stream itself when bodies are not recorded. */
    ReadStream<Buffer> tapRequestBody(ReadStream<Buffer> body, MultiMap callerHeaders) {
        if (!recording.recordsBodies()) {
            return body;
        }
        requestBody = capture(callerHeaders);
        // once the cap is reached, only the length of each chunk is counted: no copy
        return new TappedReadStream(body, chunk -> requestBody.feed(
                chunk.getBytes(0, Math.min(chunk.length(), requestBody.wanted())), chunk.length()));
    }

    /** A body that was read whole before forwarding (calls held for approval). */
    void bufferedRequestBody(Buffer body, MultiMap callerHeaders) {
        if (recording.recordsBodies()) {
            requestBody = capture(callerHeaders);
            requestBody.feed(body.getBytes());
        }
    }

    /** The last stage of the response body: records what the caller receives. */
    BodyMasker tapResponseBody(BodyMasker masker, MultiMap headersToCaller) {
        if (!recording.recordsBodies()) {
            return masker;
        }
        responseBody = capture(headersToCaller);
        return new RecordingBodyMasker(masker, responseBody);
    }

    private BodyCapture capture(MultiMap headers) {
        return BodyCapture.of(headers.get("Content-Type"), headers.get("Content-Encoding"), recording.bodyBytes());
    }

    CallDetails details(String redactedQuery) {
        return new CallDetails(recording.level().declaredName(), redactedQuery, requestHeaders, responseHeaders,
                requestBody == null ? null : requestBody.result(), responseBody == null ? null : responseBody.result(),
                bestEffort);
    }

    /** Passes every byte the masker lets out to the capture. */
    private static final class RecordingBodyMasker implements BodyMasker {
        private final BodyMasker inner;
        private final BodyCapture capture;

        RecordingBodyMasker(BodyMasker inner, BodyCapture capture) {
            this.inner = inner;
            this.capture = capture;
        }

        @Override
        public byte[] feed(byte[] chunk) throws MaskingException {
            byte[] out = inner.feed(chunk);
            capture.feed(out);
            return out;
        }

        @Override
        public byte[] finish() throws MaskingException {
            byte[] out = inner.finish();
            capture.feed(out);
            return out;
        }

        @Override
        public MaskingSummary summary() {
            return inner.summary();
        }
    }
}
