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

import java.util.List;

@Entity
@Table(name = "oidc_trust_binding")
public class OidcTrustBindingEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "identity_id", nullable = false)
    public IdentityEntity identity;

    @Column(nullable = false)
    public String issuer;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(nullable = false)
    public List<String> audiences;

    /** Every claim constraint of the binding, in claim order. */
    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "claim_matchers", nullable = false)
    public List<ClaimMatcherColumn> claimMatchers;

    @Column(nullable = false)
    public boolean forced;
}
