package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.security.AdminRoleMapping;
import io.gatehouse.controlplane.service.NotPermittedException;
import io.gatehouse.controlplane.service.PolicyModelReader;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;

/** The admin API's caller for the current request, from the verified token's groups. */
@RequestScoped
public class AdminCallers {

    private final SecurityIdentity identity;
    private final AdminRoleMapping mapping;
    private final PolicyModelReader policy;
    private AdminCaller current;

    public AdminCallers(SecurityIdentity identity, AdminRoleMapping mapping, PolicyModelReader policy) {
        this.identity = identity;
        this.mapping = mapping;
        this.policy = policy;
    }

    public AdminCaller current() {
        if (current == null) {
            current = mapping.caller(identity.getPrincipal().getName(), identity.getRoles(), policy.teams());
        }
        return current;
    }

    /** The current caller, if they hold one of {@code roles}; otherwise 403. */
    public AdminCaller requireAny(String action, AdminRole... roles) {
        AdminCaller caller = current();
        if (!caller.hasAnyRole(roles)) {
            throw NotPermittedException.roleMissing(caller, action, roles);
        }
        return caller;
    }

    /** Anyone with a Gatehouse role may read the policy. */
    public AdminCaller policyReader() {
        return requireAny("read the policy", AdminRole.values());
    }

    /** Admins, reviewers and auditors may read the audit trail. */
    public AdminCaller auditReader() {
        return requireAny("read the audit trail", AdminRole.ADMIN, AdminRole.REVIEWER, AdminRole.AUDITOR);
    }
}
