package io.gatehouse.approval.service;

import io.gatehouse.approval.config.ApprovalConfig;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.Approver;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.List;

/**
 * Who may read an approval: the members of its approver group (who decide it), and the members of
 * the groups that read everything (admins, auditors). An approval names the identity, the call and
 * its justification, which other approvers have no need to see.
 */
@ApplicationScoped
public class ApprovalVisibility {

    private final List<String> readAllGroups;

    public ApprovalVisibility(ApprovalConfig config) {
        this.readAllGroups = List.copyOf(config.readAllGroups());
    }

    public boolean canRead(Approval approval, Approver reader) {
        if (reader == null) {
            return false;
        }
        if (readAllGroups.stream().anyMatch(reader::isMemberOf)) {
            return true;
        }
        String group = approval.approverGroup();
        return group == null || group.isBlank() || reader.isMemberOf(group);
    }
}
