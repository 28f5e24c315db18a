package io.gatehouse.dataplane.masking;

/** A rule that masks the JSON values at the paths its pattern matches; {@code rule} is what it does there. */
record PathRule(JsonPathPattern pattern, FieldRule rule) {
}
