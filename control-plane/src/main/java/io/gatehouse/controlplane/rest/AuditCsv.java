package io.gatehouse.controlplane.rest;

import java.io.IOException;
import java.io.Writer;
import java.util.List;
import java.util.Map;

/**
 * One audit event as a CSV row (RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled).
 * A field that a spreadsheet would run as a formula (starting with = + - @ or a tab) is prefixed with a quote
 * mark, so an exported reason or path cannot execute when the file is opened. Recorded headers and bodies are
 * left out of CSV (they are in the JSON Lines export); the redacted query and the recording level are in.
 */
final class AuditCsv {

    static final String HEADER = "id,eventId,time,kind,actor,requestId,dataPlaneId,identity,resource,method,path,"
            + "decision,reason,status,approvalId,maskedFields,maskedValues,query,recordingLevel\r\n";

    private AuditCsv() {
    }

    static void writeRow(Writer writer, AuditEventView event) throws IOException {
        List<Object> fields = List.of(event.id(), event.eventId(), String.valueOf(event.time()), text(event.kind()),
                text(event.actor()), text(event.requestId()), text(event.dataPlaneId()), text(event.identity()),
                text(event.resource()), text(event.method()), text(event.path()), event.decision(), text(event.reason()),
                event.status(), text(event.approvalId()), String.join(";", event.maskedFields()), counts(event.maskedValues()),
                text(event.recording() == null ? null : event.recording().query()),
                text(event.recording() == null ? null : event.recording().level()));
        for (int i = 0; i < fields.size(); i++) {
            if (i > 0) {
                writer.write(',');
            }
            writer.write(escape(String.valueOf(fields.get(i))));
        }
        writer.write("\r\n");
    }

    static String escape(String value) {
        String safe = !value.isEmpty() && "=+-@\t\r".indexOf(value.charAt(0)) >= 0 && !isNumber(value) ? "'" + value : value;
        if (safe.contains(",") || safe.contains("\"") || safe.contains("\n") || safe.contains("\r")) {
            return "\"" + safe.replace("\"", "\"\"") + "\"";
        }
        return safe;
    }

    private static boolean isNumber(String value) {
        return value.matches("-?\\d+");
    }

    private static String text(String value) {
        return value == null ? "" : value;
    }

    private static String counts(Map<String, Integer> counts) {
        StringBuilder text = new StringBuilder();
        counts.forEach((rule, count) -> text.append(text.isEmpty() ? "" : ";").append(rule).append('=').append(count));
        return text.toString();
    }
}
