package io.gatehouse.vaultbroker.model;

import com.fasterxml.jackson.annotation.JsonValue;

import java.util.Arrays;

/**
 * A secret value held as characters so that it can be wiped after use. It never shows itself:
 * {@link #toString()} and JSON serialization give {@value #REDACTED}; only {@link #reveal()} gives the
 * value, at the one place where it leaves the broker. Not {@link java.io.Serializable}; equality is identity.
 */
public final class Secret {

    public static final String REDACTED = "[REDACTED]";

    private final char[] value;
    private boolean cleared;

    private Secret(char[] value) {
        this.value = value;
    }

    /** A secret holding a copy of {@code value}. */
    public static Secret of(char[] value) {
        return new Secret(value.clone());
    }

    public static Secret of(String value) {
        return new Secret(value.toCharArray());
    }

    /** An independent copy: clearing one does not clear the other. */
    public synchronized Secret copy() {
        requireNotCleared();
        return new Secret(value.clone());
    }

    /** The value, for handing it to its consumer. Never log it or put it in a message. */
    public synchronized String reveal() {
        requireNotCleared();
        return new String(value);
    }

    /** Whether both hold the same value; takes the same time for any two values of one length. */
    public boolean sameValueAs(Secret other) {
        char[] theirs = other.copyOfValue();
        try {
            synchronized (this) {
                requireNotCleared();
                if (theirs.length != value.length) {
                    return false;
                }
                int difference = 0;
                for (int i = 0; i < value.length; i++) {
                    difference |= value[i] ^ theirs[i];
                }
                return difference == 0;
            }
        } finally {
            Arrays.fill(theirs, '\0');
        }
    }

    private synchronized char[] copyOfValue() {
        requireNotCleared();
        return value.clone();
    }

    public synchronized int length() {
        return value.length;
    }

    /** Overwrites the value in memory; the secret cannot be revealed afterwards. */
    public synchronized void clear() {
        Arrays.fill(value, '\0');
        cleared = true;
    }

    public synchronized boolean isCleared() {
        return cleared;
    }

    @Override
    @JsonValue
    public String toString() {
        return REDACTED;
    }

    private void requireNotCleared() {
        if (cleared) {
            throw new IllegalStateException("the secret has been cleared");
        }
    }
}
