package io.gatehouse.cli.failure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * Replaces known secrets (the bearer token) in text before it is printed. A last line of defence: no code path
 * is meant to put the token into a message, but a server or library echoing it must not leak it either.
 */
public final class SecretRedactor {

    static final String REDACTED = "[redacted]";
    /** Shorter values are not secrets worth the false positives of replacing them everywhere. */
    private static final int SHORTEST_SECRET = 8;

    private final List<String> secrets = new CopyOnWriteArrayList<>();

    public void register(String secret) {
        if (secret != null && secret.length() >= SHORTEST_SECRET && !secrets.contains(secret)) {
            secrets.add(secret);
        }
    }

    public String redact(String text) {
        if (text == null) {
            return null;
        }
        String result = text;
        for (String secret : secrets) {
            result = result.replace(secret, REDACTED);
        }
        return result;
    }

    public boolean isEmpty() {
        return secrets.isEmpty();
    }

    @Override
    public String toString() {
        return "SecretRedactor[" + secrets.size() + " secret(s)]";
    }
}
