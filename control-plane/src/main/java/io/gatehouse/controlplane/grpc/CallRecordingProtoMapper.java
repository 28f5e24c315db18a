package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.domain.CallRecording;
import io.gatehouse.proto.audit.v1.AuditEvent;
import io.gatehouse.proto.audit.v1.RecordedBody;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** The recorded parts of a call (query, headers, bodies) of an audit event, or null when it carries none. */
final class CallRecordingProtoMapper {

    private CallRecordingProtoMapper() {
    }

    static CallRecording toDomain(AuditEvent event) {
        boolean recorded = !event.getRecordingLevel().isEmpty() || !event.getQuery().isEmpty()
                || event.getRequestHeadersCount() > 0 || event.getResponseHeadersCount() > 0 || event.hasRequestBody()
                || event.hasResponseBody() || event.getRecordedBestEffort();
        if (!recorded) {
            return null;
        }
        return new CallRecording(emptyToNull(event.getRecordingLevel()), emptyToNull(event.getQuery()),
                event.getRequestHeadersMap(), event.getResponseHeadersMap(),
                event.hasRequestBody() ? body(event.getRequestBody()) : null,
                event.hasResponseBody() ? body(event.getResponseBody()) : null,
                event.getRecordedBestEffort());
    }

    /**
     * Content that is not UTF-8 text, or holds a NUL character (which the store cannot keep in JSON text), is
     * kept as a binary body: size and content type only. Its end may be cut mid-character by the cap; such a
     * last partial character is dropped.
     */
    private static CallRecording.RecordedBody body(RecordedBody body) {
        String contentType = emptyToNull(body.getContentType());
        if (body.getBinary()) {
            return new CallRecording.RecordedBody(body.getSize(), contentType, null, body.getTruncated(), true);
        }
        String text = utf8(body.getContent().toByteArray(), body.getTruncated());
        if (text == null || text.indexOf('\u0000') >= 0) {
            return new CallRecording.RecordedBody(body.getSize(), contentType, null, body.getTruncated(), true);
        }
        return new CallRecording.RecordedBody(body.getSize(), contentType, text, body.getTruncated(), false);
    }

    private static String utf8(byte[] bytes, boolean truncated) {
        int end = truncated ? completeCharactersEnd(bytes) : bytes.length;
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes, 0, end))
                    .toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Where the last complete UTF-8 character ends: a cut multi-byte sequence at the end is left out. */
    private static int completeCharactersEnd(byte[] bytes) {
        int lead = bytes.length - 1;
        int continuation = 0;
        while (lead >= 0 && continuation < 3 && (bytes[lead] & 0xC0) == 0x80) {
            lead--;
            continuation++;
        }
        if (lead < 0) {
            return bytes.length;
        }
        int first = bytes[lead] & 0xFF;
        int length = first < 0x80 ? 1 : first >= 0xF0 ? 4 : first >= 0xE0 ? 3 : first >= 0xC0 ? 2 : 1;
        return lead + length > bytes.length ? lead : bytes.length;
    }

    private static String emptyToNull(String value) {
        return value.isEmpty() ? null : value;
    }
}
