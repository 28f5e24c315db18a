package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.audit.CallDecision;
import io.gatehouse.dataplane.auth.AuthenticatedCaller;
import io.gatehouse.dataplane.audit.CallDetails;
import io.gatehouse.dataplane.audit.CallRecord;
import io.gatehouse.dataplane.audit.TimeOrderedIds;
import io.gatehouse.dataplane.authz.Authorization;
import io.gatehouse.dataplane.credential.CredentialEchoScrubber;
import io.vertx.core.http.HttpServerRequest;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** What the request path has learned about one call so far; becomes its audit record at the end. */
final class ProxyCall {

    final String requestId = TimeOrderedIds.nextString();
    final Instant startedAt = Instant.now();
    final long startedNanos = System.nanoTime();
    final HttpServerRequest request;
    String canonicalPath;
    /** Set once the token is verified. */
    AuthenticatedCaller caller;
    String identity;
    String identityPurpose;
    String identityOwnerTeam;
    Authorization authorization;
    String approvalId;
    Map<String, Integer> maskedValues = Map.of();
    /** Set once the credential is known: scrubs its echoes from the response. */
    CredentialEchoScrubber echoScrubber;
    /** Set when the audit spool refused the call's start: the call is refused and its outcome is not spooled either. */
    boolean spoolRefused;
    /** Set once the call is routed and authorized: what its resource's recording policy keeps of it. */
    CallRecorder recorder;

    ProxyCall(HttpServerRequest request) {
        this.request = request;
    }

    String resourceName() {
        return authorization == null ? null : authorization.resource().name();
    }

    /** @param redactedQuery the call's query with sensitive values redacted, or null */
    CallRecord toRecord(CallDecision decision, String reason, int status, String redactedQuery) {
        CallDetails details = details(redactedQuery);
        return new CallRecord(TimeOrderedIds.nextString(), requestId, startedAt, identity, resourceName(),
                request.method().name(), canonicalPath == null ? request.path() : canonicalPath, decision, reason,
                approvalId, status, Duration.ofNanos(System.nanoTime() - startedNanos),
                recorder == null ? maskedValues : recorder.maskedValues(maskedValues), details,
                authorization == null ? null : authorization.route());
    }

    private CallDetails details(String redactedQuery) {
        if (recorder != null) {
            return recorder.details(redactedQuery);
        }
        return redactedQuery == null ? null : new CallDetails(null, redactedQuery, Map.of(), Map.of(), null, null, false);
    }
}
