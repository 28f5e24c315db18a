package io.gatehouse.dataplane.masking;

/** A rule that masks a JSON value by its name or its path. */
record FieldRule(String ruleName, MaskAction action) {

    static FieldRule stronger(FieldRule a, FieldRule b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return b.action().strength() > a.action().strength() ? b : a;
    }
}
