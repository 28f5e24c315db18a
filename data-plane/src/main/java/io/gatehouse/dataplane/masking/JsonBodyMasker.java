package io.gatehouse.dataplane.masking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

/**
 * Masks JSON as it streams: a non-blocking parser is fed chunk by chunk (a name or value cut by a
 * chunk boundary waits for the next chunk) and the masked JSON completed so far is returned at
 * once. Every value is judged where it stands: name rules by its decoded name (every occurrence,
 * duplicates included), path rules by its path, detectors on scalar values and on names (numbers
 * too, by their text). The output is compact JSON. In NDJSON mode each top-level value is followed
 * by a newline. Anything that is not strict JSON (RFC 8259, UTF-8), or passes a limit, fails.
 */
public final class JsonBodyMasker implements BodyMasker {

    /** Factories are thread-safe and costly to build; there is one set of limits per data plane. */
    private static final java.util.Map<MaskingLimits, JsonFactory> FACTORIES = new java.util.concurrent.ConcurrentHashMap<>();

    private final MaskingPolicy policy;
    private final boolean newlineDelimited;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream(8192);
    private final JsonGenerator generator;
    private final MaskingSummary summary = new MaskingSummary();
    private final PathRule[] pathRules;
    private final TextRedactor redactor;
    private final int maxDepth;

    // the containers open above the current token: per depth, array or object, next element index, path states
    private final boolean[] isArray;
    private final int[] nextIndex;
    private final long[] states;
    private int depth;
    private int skippedDepth;
    private int rootValues;

    // a member whose name has been read but not yet written: written with its value, or dropped with it
    private String pendingName;
    private FieldRule pendingRule;
    private boolean pendingDrop;
    private final long[] pendingStates;

    public JsonBodyMasker(MaskingPolicy policy, MaskingLimits limits, boolean newlineDelimited) {
        this.policy = policy;
        this.newlineDelimited = newlineDelimited;
        this.pathRules = policy.pathRules();
        this.redactor = policy.redactor();
        this.maxDepth = limits.maxDepth();
        JsonFactory factory = FACTORIES.computeIfAbsent(limits, JsonBodyMasker::factory);
        try {
            this.parser = factory.createNonBlockingByteArrayParser();
            this.generator = factory.createGenerator(output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create a JSON parser", e);
        }
        generator.setRootValueSeparator(null);
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
        int levels = limits.maxDepth() + 2;
        this.isArray = new boolean[levels];
        this.nextIndex = new int[levels];
        this.states = new long[levels * Math.max(1, pathRules.length)];
        this.pendingStates = new long[pathRules.length];
        for (int r = 0; r < pathRules.length; r++) {
            states[r] = JsonPathPattern.START;
        }
    }

    @Override
    public byte[] feed(byte[] chunk) throws MaskingException {
        try {
            feeder.feedInput(chunk, 0, chunk.length);
            drainTokens();
            return takeOutput();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public byte[] finish() throws MaskingException {
        try {
            feeder.endOfInput();
            drainTokens();
            if (depth > 0 || skippedDepth > 0 || pendingName != null) {
                throw new MaskingException("the JSON body ended before its value was complete");
            }
            return takeOutput();
        } catch (IOException e) {
            throw translate(e);
        }
    }

    @Override
    public MaskingSummary summary() {
        return summary;
    }

    private static JsonFactory factory(MaskingLimits limits) {
        return JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(limits.maxDepth())
                        .maxStringLength(limits.maxValueLength())
                        .maxNameLength(limits.maxValueLength())
                        .maxNumberLength(Math.min(limits.maxValueLength(), 10_000))
                        .build())
                .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
                .build();
    }

    private static MaskingException translate(IOException e) {
        if (e instanceof MaskingException masking) {
            return masking;
        }
        if (e instanceof StreamConstraintsException constraint) {
            // Jackson's message names the limit and the numbers only
            return new MaskingException("the JSON body is past a masking limit: " + constraint.getOriginalMessage());
        }
        if (e instanceof JsonProcessingException) {
            // Jackson's own message may quote body content: never pass it on
            return new MaskingException("the body is not valid JSON");
        }
        return new MaskingException("the JSON body could not be masked");
    }

    private void drainTokens() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            if (skippedDepth > 0) {
                if (token.isStructStart()) {
                    skippedDepth++;
                } else if (token.isStructEnd()) {
                    skippedDepth--;
                    if (skippedDepth == 0 && depth == 0) {
                        endOfRootValue();
                    }
                }
                continue;
            }
            if (token == JsonToken.FIELD_NAME) {
                onName(parser.currentName());
            } else if (token.isStructEnd()) {
                if (isArray[depth]) {
                    generator.writeEndArray();
                } else {
                    generator.writeEndObject();
                }
                depth--;
                if (depth == 0) {
                    endOfRootValue();
                }
            } else {
                onValue(token);
            }
        }
    }

    private void onName(String name) {
        FieldRule rule = policy.forName(name);
        if (pathRules.length > 0) {
            String folded = NameFolding.fold(name);
            int parent = depth * pathRules.length;
            for (int r = 0; r < pathRules.length; r++) {
                long next = pathRules[r].pattern().member(states[parent + r], name, folded);
                pendingStates[r] = next;
                if (pathRules[r].pattern().matches(next)) {
                    rule = FieldRule.stronger(rule, new FieldRule(pathRules[r].ruleName(), pathRules[r].action()));
                }
            }
        }
        pendingDrop = false;
        pendingName = name;
        if (!redactor.isEmpty()) {
            TextRedactor.Outcome outcome = redactor.redact(name, summary);
            if (outcome.drop()) {
                pendingDrop = true;
            } else if (outcome.changed()) {
                pendingName = outcome.text();
            }
        }
        pendingRule = rule;
    }

    private void onValue(JsonToken token) throws IOException {
        FieldRule rule;
        boolean inObject = depth > 0 && !isArray[depth];
        boolean drop;
        if (inObject) {
            rule = pendingRule;
            drop = pendingDrop;
        } else {
            rule = null;
            drop = false;
            if (depth > 0 && pathRules.length > 0) {
                int index = nextIndex[depth];
                int parent = depth * pathRules.length;
                for (int r = 0; r < pathRules.length; r++) {
                    long next = pathRules[r].pattern().element(states[parent + r], index);
                    pendingStates[r] = next;
                    if (pathRules[r].pattern().matches(next)) {
                        rule = FieldRule.stronger(rule, new FieldRule(pathRules[r].ruleName(), pathRules[r].action()));
                    }
                }
            } else if (depth == 0) {
                for (int r = 0; r < pathRules.length; r++) {
                    pendingStates[r] = JsonPathPattern.START;
                }
            }
            if (depth > 0) {
                nextIndex[depth]++;
            }
        }
        String name = pendingName;
        pendingName = null;
        if (depth == 0) {
            beforeRootValue();
        }
        if (rule != null) {
            summary.fired(rule.ruleName());
            drop |= rule.action() instanceof MaskAction.Drop;
        }
        if (drop) {
            skip(token);
            return;
        }
        if (rule != null) {
            writeName(name);
            if (token.isStructStart()) {
                generator.writeString(rule.action().applyToStructure());
                skip(token);
            } else {
                generator.writeString(rule.action().apply(parser.getText()));
                afterScalar();
            }
            return;
        }
        if (token.isStructStart()) {
            writeName(name);
            open(token == JsonToken.START_ARRAY);
            return;
        }
        if (!redactor.isEmpty() && (token == JsonToken.VALUE_STRING || token.isNumeric())) {
            TextRedactor.Outcome outcome = redactor.redact(parser.getText(), summary);
            if (outcome.drop()) {
                afterScalar();
                return;
            }
            if (outcome.changed()) {
                writeName(name);
                generator.writeString(outcome.text());
                afterScalar();
                return;
            }
        }
        writeName(name);
        generator.copyCurrentEventExact(parser);
        afterScalar();
    }

    private void writeName(String name) throws IOException {
        if (name != null) {
            generator.writeFieldName(name);
        }
    }

    private void open(boolean array) throws IOException {
        if (depth + 1 > maxDepth) {
            throw new MaskingException("the JSON body nests deeper than " + maxDepth + " levels");
        }
        depth++;
        isArray[depth] = array;
        nextIndex[depth] = 0;
        System.arraycopy(pendingStates, 0, states, depth * pathRules.length, pathRules.length);
        if (array) {
            generator.writeStartArray();
        } else {
            generator.writeStartObject();
        }
    }

    private void skip(JsonToken token) throws IOException {
        if (token.isStructStart()) {
            skippedDepth = 1;
        } else {
            afterScalar();
        }
    }

    private void afterScalar() throws IOException {
        if (depth == 0) {
            endOfRootValue();
        }
    }

    private void endOfRootValue() throws IOException {
        if (newlineDelimited) {
            generator.writeRaw('\n');
        }
    }

    /** Several top-level values in one JSON body stay apart (NDJSON values end with a newline instead). */
    private void beforeRootValue() throws IOException {
        if (!newlineDelimited && rootValues++ > 0) {
            generator.writeRaw(' ');
        }
    }

    private byte[] takeOutput() throws IOException {
        generator.flush();
        if (output.size() == 0) {
            return EMPTY;
        }
        byte[] bytes = output.toByteArray();
        output.reset();
        return bytes;
    }

    private static final byte[] EMPTY = new byte[0];
}
