package io.gatehouse.controlplane.model;

import io.gatehouse.controlplane.domain.InjectionStyle;
import io.gatehouse.controlplane.domain.MaskingRuleDefinition;
import io.gatehouse.controlplane.domain.RecordingLevel;
import io.gatehouse.controlplane.domain.RecordingPolicy;
import io.gatehouse.controlplane.domain.SpoolFullPolicy;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

import java.util.List;

@Entity
@Table(name = "resource")
public class ResourceEntity extends PanacheEntityBase {

    @Id
    @GeneratedValue(strategy = GenerationType.IDENTITY)
    public Long id;

    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "path_prefix", nullable = false)
    public String pathPrefix;

    /** Empty: any host. */
    @Column(nullable = false)
    public String host = "";

    @Column(name = "upstream_url", nullable = false)
    public String upstreamUrl;

    @Enumerated(EnumType.STRING)
    @Column(name = "injection_style", nullable = false)
    public InjectionStyle injectionStyle;

    @Column(name = "injection_header")
    public String injectionHeader;

    @Column(name = "injection_parameter")
    public String injectionParameter;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "injection_oauth2")
    public OAuth2Column injectionOAuth2;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "masked_fields", nullable = false)
    public List<String> maskedFields;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "masking_rules", nullable = false)
    public List<MaskingRuleDefinition> maskingRules;

    @Column(name = "upstream_timeout_ms", nullable = false)
    public long upstreamTimeoutMs;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "credential_source", nullable = false)
    public CredentialSourceColumn credentialSource;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "data_plane_pools", nullable = false)
    public List<String> dataPlanePools;

    @Enumerated(EnumType.STRING)
    @Column(name = "recording_level", nullable = false)
    public RecordingLevel recordingLevel = RecordingLevel.METADATA;

    @JdbcTypeCode(SqlTypes.JSON)
    @Column(name = "recording_headers", nullable = false)
    public List<String> recordingHeaders = List.of();

    @Column(name = "recording_body_bytes", nullable = false)
    public int recordingBodyBytes = RecordingPolicy.DEFAULT_BODY_BYTES;

    @Enumerated(EnumType.STRING)
    @Column(name = "recording_when_spool_full", nullable = false)
    public SpoolFullPolicy recordingWhenSpoolFull = SpoolFullPolicy.REFUSE;

    /** Null: the resource asks for no identity assertion. */
    @Column(name = "assertion_header")
    public String assertionHeader;

    @Column(name = "assertion_audience")
    public String assertionAudience;
}
