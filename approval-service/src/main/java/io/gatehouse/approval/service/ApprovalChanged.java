package io.gatehouse.approval.service;

import io.gatehouse.approval.model.Approval;

/** CDI event fired inside the transaction that changed an approval's state. */
public record ApprovalChanged(Approval approval) {
}
