package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.PolicyModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;

/**
 * Builds the content the data planes enforce: the stored model with every identity's status made
 * effective at a given time (an identity past its expiry is sent as EXPIRED).
 */
@ApplicationScoped
public class SnapshotBuilder {

    private final PolicyModelReader reader;

    public SnapshotBuilder(PolicyModelReader reader) {
        this.reader = reader;
    }

    public PolicyModel buildContent(Instant now) {
        PolicyModel stored = reader.read();
        List<IdentityDefinition> effective = stored.identities().stream()
                .map(identity -> identity.withStatus(identity.effectiveStatus(now)))
                .toList();
        List<GrantDefinition> resolved = stored.grants().stream().map(grant -> withApproverGroup(grant, stored)).toList();
        return new PolicyModel(effective, stored.resources(), resolved, stored.teams());
    }

    /** Data planes and the approval service see the group that decides, never "the team's default". */
    private static GrantDefinition withApproverGroup(GrantDefinition grant, PolicyModel model) {
        if (grant.approval() == null || grant.approval().approverGroup() != null) {
            return grant;
        }
        String group = model.approverGroupOf(grant).orElseThrow(() -> new IllegalStateException("grant " + grant.id()
                + " of " + grant.identity() + " needs approval but neither it nor the identity's team names an approver"
                + " group (the database was changed outside the control plane); data planes keep their last snapshot"
                + " until it is fixed through the admin API"));
        return grant.withApproval(grant.approval().withApproverGroup(group));
    }
}
