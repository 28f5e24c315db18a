package io.gatehouse.approval.rest;

/** Body of an approve or deny call. */
public record DecisionRequest(String reason) {
}
