package io.gatehouse.dataplane.masking;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Masks a server-sent event stream ({@code text/event-stream}, always UTF-8) one event at a time:
 * events are what clients dispatch, so an event is held until its blank line (up to
 * {@code maxEventSize}) and then sent masked. The data of an event (its {@code data:} lines
 * joined by newlines) is masked as JSON when it is JSON; data that starts with '{' but is not valid
 * JSON fails the stream (it would be JSON to a lenient client), and other data goes through the
 * detectors like every other field and comment line.
 */
public final class SseBodyMasker implements BodyMasker {

    private final MaskingPolicy policy;
    private final MaskingLimits limits;
    private final MaskingSummary summary = new MaskingSummary();
    private final Utf8Lines lines = new Utf8Lines();
    private final List<String> event = new ArrayList<>();
    private int eventSize;

    public SseBodyMasker(MaskingPolicy policy, MaskingLimits limits) {
        this.policy = policy;
        this.limits = limits;
    }

    @Override
    public byte[] feed(byte[] chunk) throws MaskingException {
        StringBuilder out = new StringBuilder();
        for (String line : lines.feed(chunk)) {
            accept(line, out);
        }
        checkPartialLine();
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public byte[] finish() throws MaskingException {
        StringBuilder out = new StringBuilder();
        for (String line : lines.finish()) {
            accept(line, out);
        }
        if (!event.isEmpty()) {
            // a last event without its blank line: clients drop it, but what is sent is masked all the same
            writeEvent(out, false);
        }
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public MaskingSummary summary() {
        return summary;
    }

    private void accept(String line, StringBuilder out) throws MaskingException {
        if (line.isEmpty()) {
            writeEvent(out, true);
            return;
        }
        eventSize += line.length() + 1;
        if (eventSize > limits.maxEventSize()) {
            throw new MaskingException("a server-sent event is larger than " + limits.maxEventSize() + " characters");
        }
        event.add(line);
    }

    private void checkPartialLine() throws MaskingException {
        if (eventSize + lines.pendingLength() > limits.maxEventSize()) {
            throw new MaskingException("a server-sent event is larger than " + limits.maxEventSize() + " characters");
        }
    }

    private void writeEvent(StringBuilder out, boolean terminated) throws MaskingException {
        List<String> data = new ArrayList<>();
        for (String line : event) {
            if (isData(line)) {
                data.add(fieldValue(line));
            }
        }
        boolean dataWritten = false;
        for (String line : event) {
            if (isData(line)) {
                if (!dataWritten) {
                    writeData(String.join("\n", data), out);
                    dataWritten = true;
                }
            } else {
                out.append(redactText(line)).append('\n');
            }
        }
        if (terminated) {
            out.append('\n');
        }
        event.clear();
        eventSize = 0;
    }

    private void writeData(String data, StringBuilder out) throws MaskingException {
        String trimmed = data.strip();
        if (trimmed.startsWith("{") || trimmed.startsWith("[")) {
            String masked = maskJson(data, trimmed.startsWith("{"));
            if (masked != null) {
                out.append("data: ").append(masked).append('\n');
                return;
            }
        }
        for (String line : redactText(data).split("\n", -1)) {
            out.append("data: ").append(line).append('\n');
        }
    }

    /** The masked JSON, or null when the data is not JSON and may go through the detectors as text. */
    private String maskJson(String data, boolean mustBeJson) throws MaskingException {
        JsonBodyMasker json = new JsonBodyMasker(policy, limits, false);
        try {
            byte[] head = json.feed(data.getBytes(StandardCharsets.UTF_8));
            byte[] tail = json.finish();
            json.summary().countsByRule().forEach((rule, count) -> {
                for (int i = 0; i < count; i++) {
                    summary.fired(rule);
                }
            });
            return new String(head, StandardCharsets.UTF_8) + new String(tail, StandardCharsets.UTF_8);
        } catch (MaskingException e) {
            if (mustBeJson) {
                throw new MaskingException("a server-sent event's data starts like JSON but is not valid JSON");
            }
            return null;
        }
    }

    private String redactText(String text) {
        TextRedactor.Outcome outcome = policy.redactor().redact(text, summary);
        if (outcome.drop()) {
            return "";
        }
        return outcome.changed() ? outcome.text() : text;
    }

    private static boolean isData(String line) {
        return line.equals("data") || line.startsWith("data:");
    }

    private static String fieldValue(String line) {
        if (line.equals("data")) {
            return "";
        }
        String value = line.substring(5);
        return value.startsWith(" ") ? value.substring(1) : value;
    }
}
