package io.gatehouse.dataplane.masking;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static io.gatehouse.dataplane.masking.MaskingTestSupport.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** The pending range of the chunk is an optimization only: the bytes out are those written, in order. */
class JsonMaskerOutputTest {

    @Test
    void adjacentCopiesAndTheChunksOwnPunctuationComeOutAsWritten() {
        byte[] chunk = utf8("{\"a\":1,\"b\":[2]}");
        JsonMaskerOutput output = new JsonMaskerOutput();
        output.startChunk(chunk);
        output.write('{');
        output.copy(chunk, 1, 4);
        output.write(':');
        output.copy(chunk, 5, 6);
        output.write(',');
        output.copy(chunk, 7, 10);
        output.write(':');
        output.write('[');
        output.copy(chunk, 12, 13);
        output.write(']');
        output.write('}');
        assertEquals(chunk.length, output.length());
        assertEquals("{\"a\":1,\"b\":[2]}", take(output));
    }

    @Test
    void copiesThatSkipBytesAndBytesTheChunkDoesNotHoldNext() {
        byte[] chunk = utf8("[ 1 , \"x\" ]");
        JsonMaskerOutput output = new JsonMaskerOutput();
        output.startChunk(chunk);
        output.write('[');
        output.copy(chunk, 2, 3);
        output.write(',');
        output.copy(chunk, 6, 9);
        output.writeQuoted("y\"");
        output.write(']');
        assertEquals("[1,\"x\"\"y\\\"\"]", take(output));
    }

    @Test
    void copiesFromOtherArraysAndPartsOfEarlierChunks() {
        JsonMaskerOutput output = new JsonMaskerOutput();
        byte[] first = utf8("[\"ab");
        output.startChunk(first);
        output.write('[');
        assertEquals("", take(output, 0));
        output.endChunk();
        byte[] second = utf8("c\",2]");
        output.startChunk(second);
        output.copy(utf8("\"abc\""), 0, 5);
        output.write(',');
        output.copy(second, 3, 4);
        output.write(']');
        assertEquals("[\"abc\",2]", take(output));
    }

    @Test
    void truncatingCutsIntoThePendingRangeOrBeforeIt() {
        byte[] chunk = utf8("{\"a\":1,\"b\":2}");
        JsonMaskerOutput output = new JsonMaskerOutput();
        output.startChunk(chunk);
        output.writeQuoted("k");
        output.write(':');
        output.copy(chunk, 5, 6);
        int mark = output.length();
        output.write(',');
        output.copy(chunk, 7, 10);
        output.truncate(mark);
        output.write('}');
        assertEquals("\"k\":1}", take(output));

        output.startChunk(chunk);
        output.writeQuoted("k");
        output.copy(chunk, 5, 6);
        output.truncate(2);
        output.write(',');
        assertEquals("\"k,", take(output));
    }

    @Test
    void takingLeavesTheRestForLater() {
        byte[] chunk = utf8("[1,\"held\":");
        JsonMaskerOutput output = new JsonMaskerOutput();
        output.startChunk(chunk);
        output.write('[');
        output.copy(chunk, 1, 2);
        output.write(',');
        output.copy(chunk, 3, 9);
        assertEquals("[1,", take(output, 3));
        output.endChunk();
        output.startChunk(utf8("x"));
        output.write(':');
        assertEquals("\"held\":", take(output));
    }

    private static String take(JsonMaskerOutput output) {
        return take(output, output.length());
    }

    private static String take(JsonMaskerOutput output, int count) {
        return new String(output.takeFirst(count), StandardCharsets.UTF_8);
    }
}
