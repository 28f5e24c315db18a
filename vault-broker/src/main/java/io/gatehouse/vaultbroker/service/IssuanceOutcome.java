package io.gatehouse.vaultbroker.service;

import java.util.Locale;

/** How a credential request ended, as counted in metrics. */
public enum IssuanceOutcome {
    ISSUED,
    NOT_FOUND,
    DENIED,
    INVALID,
    UNAVAILABLE;

    public String tagValue() {
        return name().toLowerCase(Locale.ROOT);
    }
}
