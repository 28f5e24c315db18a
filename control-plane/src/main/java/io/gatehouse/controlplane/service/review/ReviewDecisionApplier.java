package io.gatehouse.controlplane.service.review;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.OperationKey;
import io.gatehouse.controlplane.domain.OperationUsage;
import io.gatehouse.controlplane.domain.review.GrantNarrowing;
import io.gatehouse.controlplane.domain.review.ReviewItem;
import io.gatehouse.controlplane.service.PolicyEditor;
import io.gatehouse.controlplane.service.PolicyModelReader;
import io.gatehouse.controlplane.service.PolicyObjectKinds;
import io.gatehouse.controlplane.service.Precondition;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Applies a reviewer's decision to the policy through the ordinary policy editor, so each change is validated,
 * recorded in the audit trail (actor {@value #ACTOR}, with the campaign, the reviewer and the comment) and pushed to
 * the data planes like any other edit.
 */
@ApplicationScoped
public class ReviewDecisionApplier {

    public static final String ACTOR = "gatehouse-access-review";
    private static final AdminCaller ACCESS_REVIEW = new AdminCaller(ACTOR, Set.of(AdminRole.ADMIN), Set.of());

    private final PolicyEditor editor;
    private final PolicyModelReader reader;

    public ReviewDecisionApplier(PolicyEditor editor, PolicyModelReader reader) {
        this.editor = editor;
        this.reader = reader;
    }

    /** @return what changed, in words for the item and the report */
    public String apply(ReviewItem item) {
        String identity = item.evidence().identity();
        String why = "access review " + item.campaignId() + ", decided by " + item.decidedBy()
                + (item.comment() == null || item.comment().isBlank() ? "" : ": " + item.comment());
        return switch (item.decision()) {
            case KEEP -> "kept; nothing changed";
            case REVOKE -> {
                editor.changeStatus(ACCESS_REVIEW, identity, IdentityStatus.REVOKED, why, Precondition.optional(null));
                yield "identity revoked";
            }
            case SHORTEN -> {
                IdentityDefinition current = editor.get(PolicyObjectKinds.IDENTITIES, identity).object();
                ObjectNode entry = PolicyObjectKinds.IDENTITIES.toEntry(current);
                entry.put("expires", item.newExpiry().toString());
                editor.put(PolicyObjectKinds.IDENTITIES, ACCESS_REVIEW, identity, entry, Precondition.optional(null));
                yield "expiry moved from " + current.expiresAt() + " to " + item.newExpiry();
            }
            case NARROW -> narrow(identity, usedOperations(item));
        };
    }

    private static Set<OperationKey> usedOperations(ReviewItem item) {
        return item.evidence().usage().operations().stream()
                .filter(operation -> operation.allowed() > 0 || operation.heldForApproval() > 0)
                .map(OperationUsage::operation)
                .collect(Collectors.toSet());
    }

    /** Adds each narrower grant first and then deletes the wider one, so no used operation is refused in between. */
    private String narrow(String identity, Set<OperationKey> used) {
        List<GrantDefinition> grants = reader.grantsOf(List.of(identity)).getOrDefault(identity, List.of());
        Set<String> existing = grants.stream().map(GrantDefinition::id).collect(Collectors.toSet());
        List<String> changes = new ArrayList<>();
        int removed = 0;
        for (GrantDefinition grant : grants) {
            List<GrantDefinition> replacements = GrantNarrowing.narrow(grant, used);
            if (replacements.equals(List.of(grant))) {
                continue;
            }
            for (GrantDefinition replacement : replacements) {
                if (existing.add(replacement.id())) {
                    editor.put(PolicyObjectKinds.GRANTS, ACCESS_REVIEW, null, PolicyObjectKinds.GRANTS.toEntry(replacement),
                            Precondition.optional(null));
                }
            }
            editor.delete(PolicyObjectKinds.GRANTS, ACCESS_REVIEW, grant.id(), Precondition.optional(null));
            removed += GrantNarrowing.removedOperations(grant, replacements);
            changes.add("grant " + grant.id() + " (" + String.join(",", grant.methods()) + " " + grant.resource() + " "
                    + String.join(",", grant.pathPatterns()) + ") -> " + (replacements.isEmpty() ? "removed"
                    : replacements.stream().map(replacement -> String.join(",", replacement.methods()) + " "
                    + String.join(",", replacement.pathPatterns())).collect(Collectors.joining("; "))));
        }
        return changes.isEmpty() ? "every granted operation was used; nothing removed"
                : removed + " unused operation(s) removed: " + String.join(" | ", changes);
    }
}
