package io.gatehouse.dataplane.masking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.async.ByteArrayFeeder;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collections;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * Masks the values of named JSON fields in a body that arrives in chunks, without holding the
 * body: each chunk is parsed as far as it goes (a name or value split across chunks waits for the
 * next one) and the masked JSON produced so far is handed back at once. Field names are matched
 * after decoding escapes, case-insensitively. A masked value (scalar, object or array) becomes the
 * string {@value #MASK}. Input that is not well-formed JSON raises {@link IOException}; the caller
 * must then abort the response rather than pass anything unmasked.
 */
public final class StreamingJsonMasker {

    public static final String MASK = "[masked]";
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .disable(com.fasterxml.jackson.core.StreamWriteFeature.AUTO_CLOSE_CONTENT)
            .build();

    private final Set<String> maskedFieldsLowerCase;
    private final JsonParser parser;
    private final ByteArrayFeeder feeder;
    private final ByteArrayOutputStream output = new ByteArrayOutputStream(8192);
    private final JsonGenerator generator;
    private final Set<String> fieldsMasked = new TreeSet<>();
    private boolean maskNextValue;
    private int skippedDepth;

    public StreamingJsonMasker(Set<String> maskedFieldsLowerCase) {
        this.maskedFieldsLowerCase = maskedFieldsLowerCase;
        try {
            this.parser = FACTORY.createNonBlockingByteArrayParser();
            this.generator = FACTORY.createGenerator(output);
        } catch (IOException e) {
            throw new IllegalStateException("cannot create JSON parser", e);
        }
        this.feeder = (ByteArrayFeeder) parser.getNonBlockingInputFeeder();
    }

    /** Parses one more chunk and returns the masked output it completes (possibly empty). */
    public byte[] feed(byte[] chunk) throws IOException {
        feeder.feedInput(chunk, 0, chunk.length);
        drainTokens();
        return takeOutput();
    }

    /** Ends the input; fails if the body ended inside a JSON value. Returns the last output. */
    public byte[] finish() throws IOException {
        feeder.endOfInput();
        drainTokens();
        if (skippedDepth > 0 || maskNextValue || !generator.getOutputContext().inRoot()) {
            throw new IOException("JSON body ended before its value was complete");
        }
        return takeOutput();
    }

    /** The names of the fields that were masked so far (as they appeared in the body). */
    public Set<String> fieldsMasked() {
        return Collections.unmodifiableSet(fieldsMasked);
    }

    private void drainTokens() throws IOException {
        JsonToken token;
        while ((token = parser.nextToken()) != null && token != JsonToken.NOT_AVAILABLE) {
            if (skippedDepth > 0) {
                skippedDepth += depthChange(token);
                continue;
            }
            if (maskNextValue) {
                maskNextValue = false;
                if (token.isStructStart()) {
                    skippedDepth = 1;
                }
                generator.writeString(MASK);
                continue;
            }
            if (token == JsonToken.FIELD_NAME) {
                String name = parser.currentName();
                if (maskedFieldsLowerCase.contains(name.toLowerCase(Locale.ROOT))) {
                    maskNextValue = true;
                    fieldsMasked.add(name);
                }
            }
            generator.copyCurrentEventExact(parser);
        }
    }

    private static int depthChange(JsonToken token) {
        if (token.isStructStart()) {
            return 1;
        }
        return token.isStructEnd() ? -1 : 0;
    }

    private byte[] takeOutput() throws IOException {
        generator.flush();
        byte[] bytes = output.toByteArray();
        output.reset();
        return bytes;
    }
}
