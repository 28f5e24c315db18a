package io.gatehouse.dataplane.audit;

import com.google.protobuf.Timestamp;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.Decision;

import java.time.Instant;

/** Builds the protobuf audit events that the spool keeps and the shipper sends. */
final class AuditEvents {

    static final String INTERRUPTED_REASON =
            "the data plane stopped before this call completed; whether the upstream was contacted is unknown";

    private AuditEvents() {
    }

    static AuditEvent outcome(CallRecord record, String dataPlaneId) {
        AuditEvent.Builder event = AuditEvent.newBuilder()
                .setEventId(record.eventId())
                .setRequestId(record.requestId())
                .setTime(timestamp(record.time()))
                .setDataPlaneId(dataPlaneId)
                .setMethod(record.method())
                .setPath(record.path())
                .setDecision(Decision.valueOf("DECISION_" + record.decision().name()))
                .setStatus(record.status())
                .setDuration(com.google.protobuf.Duration.newBuilder()
                        .setSeconds(record.duration().getSeconds()).setNanos(record.duration().getNano()))
                .addAllMaskedFields(new java.util.TreeSet<>(record.maskedValues().keySet()))
                .putAllMaskedValues(record.maskedValues());
        setIfPresent(record.identity(), event::setIdentity);
        setIfPresent(record.resource(), event::setResource);
        setIfPresent(record.reason(), event::setReason);
        setIfPresent(record.approvalId(), event::setApprovalId);
        setIfPresent(record.route(), event::setRoute);
        if (record.details() != null) {
            details(record.details(), event);
        }
        return event.build();
    }

    private static void details(CallDetails details, AuditEvent.Builder event) {
        setIfPresent(details.level(), event::setRecordingLevel);
        setIfPresent(details.query(), event::setQuery);
        event.putAllRequestHeaders(details.requestHeaders())
                .putAllResponseHeaders(details.responseHeaders())
                .setRecordedBestEffort(details.bestEffort());
        if (details.requestBody() != null) {
            event.setRequestBody(body(details.requestBody()));
        }
        if (details.responseBody() != null) {
            event.setResponseBody(body(details.responseBody()));
        }
    }

    private static io.gatehouse.proto.audit.v1.RecordedBody body(RecordedBody body) {
        io.gatehouse.proto.audit.v1.RecordedBody.Builder message = io.gatehouse.proto.audit.v1.RecordedBody.newBuilder()
                .setSize(body.size())
                .setContent(com.google.protobuf.ByteString.copyFrom(body.content()))
                .setTruncated(body.truncated())
                .setBinary(body.binary());
        setIfPresent(body.contentType(), message::setContentType);
        return message.build();
    }

    /** The start of a call; kept in the spool only, never shipped as such (decision unspecified). */
    static AuditEvent start(CallStart start, String dataPlaneId) {
        AuditEvent.Builder event = AuditEvent.newBuilder()
                .setEventId(TimeOrderedIds.nextString())
                .setRequestId(start.requestId())
                .setTime(timestamp(start.time()))
                .setDataPlaneId(dataPlaneId);
        setIfPresent(start.identity(), event::setIdentity);
        setIfPresent(start.resource(), event::setResource);
        setIfPresent(start.method(), event::setMethod);
        setIfPresent(start.path(), event::setPath);
        return event.build();
    }

    /**
     * The outcome of a call whose start is in the spool but whose outcome never was: the process
     * died while the call was under way. Reuses the start's event id, so it is stored once even if
     * recovery is repeated.
     */
    static AuditEvent interrupted(AuditEvent start) {
        return start.toBuilder()
                .setDecision(Decision.DECISION_ERROR)
                .setReason(INTERRUPTED_REASON)
                .setStatus(0)
                .build();
    }

    private static Timestamp timestamp(Instant time) {
        return Timestamp.newBuilder().setSeconds(time.getEpochSecond()).setNanos(time.getNano()).build();
    }

    private static void setIfPresent(String value, java.util.function.Consumer<String> setter) {
        if (value != null) {
            setter.accept(value);
        }
    }
}
