package io.gatehouse.controlplane.domain;

import java.util.Locale;

/** Where a signing key is in its rotation; see the V18 migration for what each state means. */
public enum SigningKeyState {
    NEXT, CURRENT, RETIRED, ARCHIVED;

    /** Whether verifiers (JWKS, snapshots) are given the key. */
    public boolean published() {
        return this != ARCHIVED;
    }

    public String column() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static SigningKeyState ofColumn(String value) {
        return valueOf(value.toUpperCase(Locale.ROOT));
    }
}
