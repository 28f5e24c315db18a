package io.gatehouse.dataplane.masking;

/** A detector with what to do with what it finds, under the rule's name (the name audit events show). */
public record DetectorRule(String ruleName, Detector detector, MaskAction action) {
}
