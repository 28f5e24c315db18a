package io.gatehouse.dataplane.audit;

import java.util.Map;

/**
 * What the audit record of a call holds beyond its metadata, by its resource's recording policy. Holds no
 * token and no credential: the query is redacted, credential headers are never kept, and the response body is
 * the one the caller received (masked and scrubbed).
 *
 * @param level           the recording level in force ("metadata", "headers", "bodies"), or null before routing
 * @param query           the redacted query string, or null
 * @param requestBody     null when not recorded
 * @param responseBody    null when not recorded
 * @param bestEffort      forwarded although the spool refused the call's start record
 */
public record CallDetails(String level, String query, Map<String, String> requestHeaders, Map<String, String> responseHeaders,
                          RecordedBody requestBody, RecordedBody responseBody, boolean bestEffort) {

    public CallDetails {
        requestHeaders = Map.copyOf(requestHeaders);
        responseHeaders = Map.copyOf(responseHeaders);
    }
}
