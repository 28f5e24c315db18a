package io.gatehouse.approval.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings under {@code gatehouse.approval}. */
@ConfigMapping(prefix = "gatehouse.approval")
public interface ApprovalConfig {

    /** How long an approval stays open when the request names no expiry. */
    @WithDefault("15M")
    Duration defaultTtl();

    /** Upper bound of any approval window, whatever the request asks for. */
    @WithDefault("24H")
    Duration maxTtl();

    /** How often a watch re-reads the approval, to see decisions made by other replicas and expiries. */
    @WithDefault("1S")
    Duration watchPollInterval();

    /**
     * Approver group of approvals whose request names none; without it such approvals can be decided by any
     * authenticated approver.
     */
    Optional<String> defaultApproverGroup();

    /** How often pending approvals past their window are expired (and their expiry reaches the audit trail). */
    @WithDefault("10S")
    Duration expirySweepInterval();

    /** Most approvals returned by one listing. */
    @WithDefault("500")
    int listLimit();

    /**
     * Groups whose members may read every approval (admins, auditors); everyone else sees only the
     * approvals of their approver groups.
     */
    @WithDefault("gatehouse-admins,gatehouse-auditors")
    List<String> readAllGroups();
}
