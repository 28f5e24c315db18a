package io.gatehouse.controlplane.model;

import io.gatehouse.controlplane.domain.IdentityKind;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.CascadeType;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.OneToMany;
import jakarta.persistence.Table;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

@Entity
@Table(name = "identity")
public class IdentityEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IdentityKind kind;

    @Column(name = "owner_team", nullable = false)
    public String ownerTeam;

    @Column(name = "owner_contact", nullable = false)
    public String ownerContact;

    @Column(nullable = false)
    public String purpose;

    @Column(name = "created_at", nullable = false, updatable = false)
    public Instant createdAt;

    @Column(name = "expires_at", nullable = false)
    public Instant expiresAt;

    @Enumerated(EnumType.STRING)
    @Column(nullable = false)
    public IdentityStatus status;

    @Column(name = "last_used_at")
    public Instant lastUsedAt;

    @Column(name = "rate_limit_requests")
    public Integer rateLimitRequests;

    @Column(name = "rate_limit_period_ms")
    public Long rateLimitPeriodMs;

    @Column(name = "rate_limit_burst")
    public Integer rateLimitBurst;

    /** SUSPENDED or REVOKED when the automatic lifecycle acted; apart from the declared {@link #status}. */
    @Enumerated(EnumType.STRING)
    @Column(name = "lifecycle_status")
    public IdentityStatus lifecycleStatus;

    @Column(name = "lifecycle_since")
    public Instant lifecycleSince;

    /** Set by an undo: the unused period starts again here. */
    @Column(name = "lifecycle_reset_at")
    public Instant lifecycleResetAt;

    @Column(name = "orphaned_since")
    public Instant orphanedSince;

    @Column(name = "orphan_accepted_team")
    public String orphanAcceptedTeam;

    @Column(name = "suspension_warned_for")
    public Instant suspensionWarnedFor;

    @OneToMany(mappedBy = "identity", cascade = CascadeType.ALL, orphanRemoval = true)
    public List<OidcTrustBindingEntity> oidcBindings = new ArrayList<>();
}
