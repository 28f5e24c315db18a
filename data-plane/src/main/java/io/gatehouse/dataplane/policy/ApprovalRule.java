package io.gatehouse.dataplane.policy;

public record ApprovalRule(String approverGroup, int quorum) {
}
