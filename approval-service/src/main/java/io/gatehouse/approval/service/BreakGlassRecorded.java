package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;

/** CDI event fired inside the transaction that recorded a break-glass call (observe AFTER_SUCCESS to notify). */
public record BreakGlassRecorded(Approval approval) {
}
