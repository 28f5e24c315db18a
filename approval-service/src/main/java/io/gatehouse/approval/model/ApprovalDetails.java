package io.gatehouse.approval.model;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonUnwrapped;

import java.util.List;

/** An approval with its individual decisions and its history, oldest first. */
public record ApprovalDetails(@JsonUnwrapped Approval approval, List<Vote> decisions, List<HistoryEntry> history) {

    /** Distinct approvers who approved so far. */
    @JsonProperty("approvedBy")
    public List<String> approvedBy() {
        return decisions.stream().filter(v -> v.decision() == Decision.APPROVE).map(Vote::approver).toList();
    }
}
