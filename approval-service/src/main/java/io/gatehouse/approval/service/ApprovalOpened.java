package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;

/** CDI event fired inside the transaction that opened a new approval (observe AFTER_SUCCESS to notify). */
public record ApprovalOpened(Approval approval) {
}
