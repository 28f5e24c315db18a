package io.gatehouse.approval.rest;

import io.gatehouse.approval.model.Approver;
import io.gatehouse.approval.security.Approvers;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The approver making the current REST request. */
@RequestScoped
public class CurrentApprover {

    private final SecurityIdentity identity;

    public CurrentApprover(SecurityIdentity identity) {
        this.identity = identity;
    }

    public Approver get() {
        return Approvers.of(identity);
    }
}
