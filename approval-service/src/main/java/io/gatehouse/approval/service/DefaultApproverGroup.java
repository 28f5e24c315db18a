package io.gatehouse.approval.service;

import io.gatehouse.approval.config.ApprovalConfig;
import io.gatehouse.approval.model.NewApproval;
import jakarta.enterprise.context.ApplicationScoped;

/** Gives a request that names no approver group the configured default group, if there is one. */
@ApplicationScoped
public class DefaultApproverGroup {

    private final ApprovalConfig config;

    public DefaultApproverGroup(ApprovalConfig config) {
        this.config = config;
    }

    public NewApproval applyTo(NewApproval request) {
        if (request.approverGroup() != null || config.defaultApproverGroup().isEmpty()) {
            return request;
        }
        return new NewApproval(request.identity(), request.resource(), request.method(), request.path(),
                request.requestDigest(), request.justification(), config.defaultApproverGroup().get(),
                request.quorum(), request.expiresAt(), request.dataPlaneId(), request.requestId(), request.ownerTeam(),
                request.ownerTeamMayApprove());
    }
}
