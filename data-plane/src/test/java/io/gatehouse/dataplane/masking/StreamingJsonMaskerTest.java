package io.gatehouse.dataplane.masking;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StreamingJsonMaskerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String BODY = "{\"id\":\"42\",\"ssn\":\"123-45-6789\",\"nested\":{\"SSN\":987654321,"
            + "\"keep\":[1,2.50,true,null]},\"cards\":[{\"ssn\":{\"deep\":[\"x\",{\"y\":1}]}}],\"tail\":\"end\"}";

    @Test
    void masksEveryOccurrenceWhateverItsShapeAndKeepsTheRest() throws IOException {
        String output = maskInChunksOf(BODY, BODY.length());
        JsonNode masked = JSON.readTree(output);
        assertEquals("[masked]", masked.get("ssn").asText());
        assertEquals("[masked]", masked.get("nested").get("SSN").asText());
        assertEquals("[masked]", masked.get("cards").get(0).get("ssn").asText());
        assertEquals("42", masked.get("id").asText());
        assertTrue(output.contains("\"keep\":[1,2.50,true,null]"), "numbers are copied exactly: " + output);
        assertEquals("end", masked.get("tail").asText());
    }

    @Test
    void givesTheSameResultWhereverTheChunksAreCut() throws IOException {
        String whole = maskInChunksOf(BODY, BODY.length());
        for (int size = 1; size < 12; size++) {
            assertEquals(whole, maskInChunksOf(BODY, size), "chunk size " + size);
        }
        assertFalse(whole.contains("6789"));
        assertFalse(whole.contains("987654321"));
    }

    @Test
    void matchesEscapedFieldNamesAfterDecoding() throws IOException {
        String body = "{\"s\\u0073n\":\"123-45-6789\"}";
        assertEquals("{\"ssn\":\"[masked]\"}", maskInChunksOf(body, 3));
    }

    @Test
    void reportsWhichFieldsItMasked() throws IOException {
        StreamingJsonMasker masker = new StreamingJsonMasker(Set.of("ssn"));
        masker.feed(BODY.getBytes(StandardCharsets.UTF_8));
        masker.finish();
        assertEquals(Set.of("ssn", "SSN"), masker.fieldsMasked());
    }

    @Test
    void refusesABodyThatIsCutShort() throws IOException {
        StreamingJsonMasker masker = new StreamingJsonMasker(Set.of("ssn"));
        masker.feed("{\"id\":\"42\",\"ssn\":\"123-4".getBytes(StandardCharsets.UTF_8));
        assertThrows(IOException.class, masker::finish);
    }

    @Test
    void refusesABodyThatIsNotJson() {
        StreamingJsonMasker masker = new StreamingJsonMasker(Set.of("ssn"));
        assertThrows(IOException.class, () -> masker.feed("ssn=123-45-6789".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void emitsOutputBeforeTheBodyEnds() throws IOException {
        StreamingJsonMasker masker = new StreamingJsonMasker(Set.of("ssn"));
        byte[] first = masker.feed("[{\"id\":1},{\"id\":2},".getBytes(StandardCharsets.UTF_8));
        assertTrue(new String(first, StandardCharsets.UTF_8).contains("\"id\":2"));
    }

    private static String maskInChunksOf(String body, int size) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        StreamingJsonMasker masker = new StreamingJsonMasker(Set.of("ssn"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < bytes.length; i += size) {
            byte[] chunk = java.util.Arrays.copyOfRange(bytes, i, Math.min(bytes.length, i + size));
            out.write(masker.feed(chunk));
        }
        out.write(masker.finish());
        return out.toString(StandardCharsets.UTF_8);
    }
}
