package io.gatehouse.dataplane.masking;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class MentionedNamesTest {

    @Test
    void plainNamesMatchInAnyCaseAndGiveTheFoldedForm() {
        MentionedNames names = new MentionedNames(List.of("ssn", "email", "card_number"));
        assertEquals("ssn", lookUp(names, "ssn"));
        assertEquals("ssn", lookUp(names, "SSN"));
        assertEquals("email", lookUp(names, "eMaIl"));
        assertEquals("card_number", lookUp(names, "Card_Number"));
        assertNull(lookUp(names, "sn"));
        assertNull(lookUp(names, "ssm"));
        assertNull(lookUp(names, "card_numbeR1"));
        // bytes that differ only in bit 0x20 outside the letters are different names
        assertNull(lookUp(names, "card\u007Fnumber"));
        assertNull(lookUp(names, "SS\u000E"));
    }

    @Test
    void namesOfEveryLengthAreFoundAndTheirNeighboursAreNot() {
        List<String> mentioned = new ArrayList<>();
        for (int length = 1; length <= 80; length += 3) {
            mentioned.add("n".repeat(length));
        }
        MentionedNames names = new MentionedNames(mentioned);
        for (int length = 0; length <= 82; length++) {
            String name = "N".repeat(length);
            boolean expected = length % 3 == 1 && length <= 80;
            assertEquals(expected ? "n".repeat(length) : null, lookUp(names, name), "length " + length);
        }
    }

    @Test
    void noNameIsMentionedByNoRule() {
        MentionedNames names = new MentionedNames(List.of());
        assertNull(lookUp(names, ""));
        assertNull(lookUp(names, "ssn"));
    }

    private static String lookUp(MentionedNames names, String plainName) {
        byte[] quoted = ("\"" + plainName + "\"").getBytes(StandardCharsets.US_ASCII);
        return names.foldedIfMentioned(quoted, 1, quoted.length - 1);
    }
}
