package io.gatehouse.dataplane.masking;

/** A rule that masks the JSON values at the paths its pattern matches. */
record PathRule(String ruleName, JsonPathPattern pattern, MaskAction action) {
}
