package io.gatehouse.controlplane.model;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.time.Instant;
import java.util.List;

@Entity
@Table(name = "access_grant")
public class AccessGrantEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "identity_id", nullable = false)
    public IdentityEntity identity;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "resource_id", nullable = false)
    public ResourceEntity resource;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> methods;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "path_patterns", nullable = false)
    public List<String> pathPatterns;

    @Column(name = "expires_at")
    public Instant expiresAt;

    @Column(name = "approval_required", nullable = false)
    public boolean approvalRequired;

    @Column(name = "approver_group")
    public String approverGroup;

    public Integer quorum;

    @Column(name = "approval_hold_time_ms")
    public Long approvalHoldTimeMs;

    @Column(name = "approval_validity_ms")
    public Long approvalValidityMs;

    @Column(name = "owner_team_may_approve", nullable = false)
    public boolean ownerTeamMayApprove;

    @Column(name = "break_glass", nullable = false)
    public boolean breakGlass;
}
