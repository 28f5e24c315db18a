package io.gatehouse.controlplane.domain;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a data plane recorded of a call beyond its metadata, by the resource's recording policy. Never holds a
 * credential: the data plane redacts sensitive query values and credential-carrying headers, and the response
 * body is the one the caller received (masked, scrubbed of the injected credential).
 *
 * @param level           the recording level in force: metadata, headers or bodies
 * @param query           the query string with sensitive values redacted, or {@code null} when there was none
 * @param requestHeaders  allow-listed request headers, lower-case name to value
 * @param responseHeaders allow-listed response headers as the caller received them
 * @param requestBody     the beginning of the caller's body, or {@code null} when not recorded
 * @param responseBody    the beginning of the masked response body, or {@code null} when not recorded
 * @param bestEffort      the call was forwarded although the audit spool refused its start record
 */
public record CallRecording(String level, String query, Map<String, String> requestHeaders,
                            Map<String, String> responseHeaders, RecordedBody requestBody, RecordedBody responseBody,
                            boolean bestEffort) {

    public CallRecording {
        requestHeaders = sorted(requestHeaders);
        responseHeaders = sorted(responseHeaders);
    }

    private static Map<String, String> sorted(Map<String, String> headers) {
        return headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
    }

    /**
     * The first bytes of one body.
     *
     * @param size      bytes of the whole body
     * @param content   the recorded beginning as text, {@code null} for a binary body (never recorded)
     * @param truncated the body was longer than the recorded part
     * @param binary    the body is not text, so only its size and content type are recorded
     */
    public record RecordedBody(long size, String contentType, String content, boolean truncated, boolean binary) {
    }
}
