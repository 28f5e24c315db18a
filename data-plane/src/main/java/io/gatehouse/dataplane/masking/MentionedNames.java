package io.gatehouse.dataplane.masking;

import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * The member names that name and path rules mention, case-folded. Answers for a plain name (ASCII,
 * no escapes) straight from its bytes whether a rule can match it, so the names no rule mentions —
 * nearly all of them — are never decoded. For ASCII, folding is lower-casing, so a name whose
 * lower-cased bytes are not in the set can match no rule, case-sensitive ones included.
 */
final class MentionedNames {

    private final byte[][] table;
    private final String[] folded;
    private final int mask;
    private final int shift;
    private final boolean empty;
    /** Bit n set: a name of n bytes is mentioned (bit 63: one of 63 bytes or more). Most names fail this test alone. */
    private final long lengths;

    MentionedNames(Collection<String> foldedNames) {
        Set<String> names = new LinkedHashSet<>(foldedNames);
        int size = Integer.highestOneBit(Math.max(1, names.size()) * 4 - 1) * 2;
        this.table = new byte[size][];
        this.folded = new String[size];
        this.mask = size - 1;
        this.shift = 32 - Integer.numberOfTrailingZeros(size);
        this.empty = names.isEmpty();
        long lengthBits = 0;
        for (String name : names) {
            byte[] bytes = name.getBytes(StandardCharsets.UTF_8);
            lengthBits |= lengthBit(bytes.length);
            int slot = slot(bytes, 0, bytes.length);
            while (table[slot] != null) {
                slot = (slot + 1) & mask;
            }
            table[slot] = bytes;
            folded[slot] = name;
        }
        this.lengths = lengthBits;
    }

    boolean isEmpty() {
        return empty;
    }

    /**
     * The folded form of the plain name {@code bytes[start, end)} if a rule mentions it, else null:
     * then no rule can match it.
     */
    String foldedIfMentioned(byte[] bytes, int start, int end) {
        if ((lengths & lengthBit(end - start)) == 0) {
            return null;
        }
        int slot = slot(bytes, start, end);
        byte[] candidate;
        while ((candidate = table[slot]) != null) {
            if (equalsLowerCased(candidate, bytes, start, end)) {
                return folded[slot];
            }
            slot = (slot + 1) & mask;
        }
        return null;
    }

    private static long lengthBit(int length) {
        return 1L << Math.min(length, 63);
    }

    /**
     * Hashes only the length and the first and last bytes, each with bit 0x20 set (which maps a
     * letter's cases alike without a branch): constant time per name, and the table holds only the
     * few names the rules mention, so names alike there merely probe a slot further. Fibonacci
     * hashing spreads the result over the top bits.
     */
    private int slot(byte[] bytes, int start, int end) {
        int hash = end - start;
        if (end > start) {
            hash = (hash * 31 + (bytes[start] | 0x20)) * 31 + (bytes[end - 1] | 0x20);
        }
        return (hash * 0x9E3779B9) >>> shift;
    }

    private static boolean equalsLowerCased(byte[] folded, byte[] bytes, int start, int end) {
        if (folded.length != end - start) {
            return false;
        }
        for (int i = 0; i < folded.length; i++) {
            if (folded[i] != lower(bytes[start + i])) {
                return false;
            }
        }
        return true;
    }

    private static int lower(byte b) {
        return b >= 'A' && b <= 'Z' ? b + ('a' - 'A') : b;
    }
}
