package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.BodyCapture;
import io.gatehouse.dataplane.audit.CallDetails;
import io.gatehouse.dataplane.audit.MaskedBodyCapture;
import io.gatehouse.dataplane.audit.RecordedHeaders;
import io.gatehouse.dataplane.masking.BodyMasker;
import io.gatehouse.dataplane.masking.MaskingException;
import io.gatehouse.dataplane.masking.MaskingLimits;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.masking.MaskingSummary;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.Recording;
import io.gatehouse.dataplane.policy.Resource;
import io.vertx.core.MultiMap;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.streams.ReadStream;
import org.jboss.logging.Logger;

import java.util.Map;
import java.util.TreeMap;

/**
 * Collects what a resource's recording policy asks of one call: the allow-listed headers the caller sent and
 * received, and (level bodies) the first bytes of the caller's body — masked by the resource's rules, like a
 * response of its type (the upstream still gets it as sent) — and of the response body exactly as the caller
 * receives it — the output of the masker and credential scrubber. Bodies are tapped as they stream; nothing is
 * buffered beyond the cap and what a masker holds within its limits.
 */
final class CallRecorder {

    private static final Logger LOG = Logger.getLogger(CallRecorder.class);

    /** Prefix of the masking summary's counts of values masked in the recorded request body: "request-body:ssn". */
    static final String REQUEST_BODY_RULE_PREFIX = "request-body:";
    /** The masking summary's entry of a request body that could not be masked, so only its size was recorded. */
    static final String UNMASKABLE_REQUEST_BODY = "request-body-unmaskable";

    private final Recording recording;
    private final String injectedHeader;
    private final MaskingPolicy masking;
    private final MaskingLimits maskingLimits;
    private final String requestId;
    private boolean unmaskableLogged;
    private Map<String, String> requestHeaders = Map.of();
    private Map<String, String> responseHeaders = Map.of();
    private MaskedBodyCapture requestBody;
    private BodyCapture responseBody;
    private boolean bestEffort;

    CallRecorder(Resource resource, MaskingLimits maskingLimits, String requestId) {
        this.requestId = requestId;
        this.recording = resource.recording();
        this.injectedHeader = resource.injectionStyle() == InjectionStyle.HEADER ? resource.injection().name() : null;
        this.masking = resource.masking();
        this.maskingLimits = maskingLimits;
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

    /**
     * The caller's body as it streams to the upstream, unchanged; the stream itself when bodies are not recorded.
     * The recorded copy is masked on the side: the tap never throws and never pauses the stream.
     */
    ReadStream<Buffer> tapRequestBody(ReadStream<Buffer> body, MultiMap callerHeaders) {
        if (!recording.recordsBodies()) {
            return body;
        }
        MaskedBodyCapture capture = requestCapture(callerHeaders);
        requestBody = capture;
        return new TappedReadStream(body, capture::feed, capture::end);
    }

    /** A body that was read whole before forwarding (calls held for approval). */
    void bufferedRequestBody(Buffer body, MultiMap callerHeaders) {
        if (recording.recordsBodies()) {
            requestBody = requestCapture(callerHeaders);
            requestBody.feed(body);
            requestBody.end();
        }
    }

    private MaskedBodyCapture requestCapture(MultiMap headers) {
        return MaskedBodyCapture.of(masking, maskingLimits, headers.get("Content-Type"), headers.get("Content-Encoding"),
                recording.bodyBytes());
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

    /**
     * The call's masking summary: the response's counts by rule as they are, and those of the recorded request body
     * under {@value #REQUEST_BODY_RULE_PREFIX}{@code <rule>}, plus {@value #UNMASKABLE_REQUEST_BODY} when it could not
     * be masked (its content is then not recorded).
     */
    Map<String, Integer> maskedValues(Map<String, Integer> response) {
        if (requestBody == null || !requestBody.masks()) {
            return response;
        }
        Map<String, Integer> all = new TreeMap<>(response);
        requestBody.maskedValues().forEach((rule, count) -> all.merge(REQUEST_BODY_RULE_PREFIX + rule, count, Integer::sum));
        if (requestBody.unmaskable() != null) {
            all.put(UNMASKABLE_REQUEST_BODY, 1);
        }
        return all;
    }

    CallDetails details(String redactedQuery) {
        if (requestBody != null && requestBody.unmaskable() != null && !unmaskableLogged) {
            unmaskableLogged = true;
            // the reason names what was wrong, never body content
            LOG.infof("Request %s: the request body's recorded copy could not be masked (%s); only its size and type are recorded",
                    requestId, requestBody.unmaskable());
        }
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
