package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.PolicyModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Builds the content the data planes enforce: the stored model with every identity's status made
 * effective at a given time (an identity past its expiry is sent as EXPIRED; one the automatic lifecycle
 * suspended or revoked is sent with the stricter of its declared and its lifecycle status).
 */
@ApplicationScoped
public class SnapshotBuilder {

    private final PolicyModelReader reader;

    public SnapshotBuilder(PolicyModelReader reader) {
        this.reader = reader;
    }

    public PolicyModel buildContent(Instant now) {
        PolicyModel stored = reader.read();
        Map<String, IdentityStatus> lifecycleHolds = reader.lifecycleHolds();
        List<IdentityDefinition> effective = stored.identities().stream()
                .map(identity -> identity.withStatus(identity.effectiveStatus(now)
                        .stricter(lifecycleHolds.get(identity.name()))))
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
