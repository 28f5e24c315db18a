package io.gatehouse.dataplane.masking;

import java.nio.charset.StandardCharsets;

/**
 * What a rule does with a value it matched. Actions are ranked by how much they hide
 * ({@link #strength()}): when several rules match one value, the one that hides most wins.
 */
public sealed interface MaskAction {

    String DEFAULT_REPLACEMENT = "[masked]";
    String PARTIAL_PREFIX = "****";

    /** The text that stands for {@code value}; not used by {@link Drop}. */
    String apply(CharSequence value);

    /**
     * {@link #apply} of the text whose UTF-8 encoding is {@code utf8[start, end)}, for values that
     * arrive as bytes (a JSON string without escapes, a number): an action that works on bytes
     * spares decoding them.
     */
    default String applyToUtf8(byte[] utf8, int start, int end) {
        return apply(new String(utf8, start, end - start, StandardCharsets.UTF_8));
    }

    /** Replaces a whole JSON object or array, whose value as such cannot be kept in part or hashed. */
    default String applyToStructure() {
        return DEFAULT_REPLACEMENT;
    }

    int strength();

    /** Whether {@link #apply} looks at the value at all (if not, it need not be decoded). */
    default boolean readsValue() {
        return true;
    }

    static MaskAction strongest(MaskAction a, MaskAction b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.strength() > a.strength() ? b : a;
    }

    /** The value becomes a fixed string. */
    record Redact(String replacement) implements MaskAction {
        public static final Redact DEFAULT = new Redact(DEFAULT_REPLACEMENT);

        @Override
        public String apply(CharSequence value) {
            return replacement;
        }

        @Override
        public String applyToStructure() {
            return replacement;
        }

        @Override
        public boolean readsValue() {
            return false;
        }

        @Override
        public int strength() {
            return 3;
        }
    }

    /**
     * Only the last {@code keepLast} characters stay, behind {@value #PARTIAL_PREFIX}. A value
     * shorter than twice that is masked entirely, so that most of it stays hidden.
     */
    record Partial(int keepLast) implements MaskAction {
        public Partial {
            if (keepLast < 1) {
                throw new IllegalArgumentException("partial masking must keep at least 1 character, was " + keepLast);
            }
        }

        @Override
        public String apply(CharSequence value) {
            int length = value.length();
            if (length < 2 * keepLast) {
                return PARTIAL_PREFIX;
            }
            return PARTIAL_PREFIX + value.subSequence(length - keepLast, length);
        }

        @Override
        public int strength() {
            return 1;
        }
    }

    /** The value becomes a keyed hash: equal values give equal tokens. */
    record Hash(HashTokenizer tokenizer) implements MaskAction {
        @Override
        public String apply(CharSequence value) {
            return tokenizer.token(value);
        }

        @Override
        public String applyToUtf8(byte[] utf8, int start, int end) {
            return tokenizer.token(utf8, start, end);
        }

        @Override
        public int strength() {
            return 2;
        }
    }

    /** The JSON field or array element is removed; in text, the match is removed. */
    record Drop() implements MaskAction {
        public static final Drop INSTANCE = new Drop();

        @Override
        public String apply(CharSequence value) {
            return "";
        }

        @Override
        public int strength() {
            return 4;
        }
    }
}
