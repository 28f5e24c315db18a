package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.ApprovalRequirement;
import io.gatehouse.controlplane.domain.ClaimMatcher;
import io.gatehouse.controlplane.domain.CredentialInjection;
import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityOverview;
import io.gatehouse.controlplane.domain.OidcTrust;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.RateLimit;
import io.gatehouse.controlplane.domain.IdentityAssertion;
import io.gatehouse.controlplane.domain.RecordingPolicy;
import io.gatehouse.controlplane.domain.ResourceDefinition;
import io.gatehouse.controlplane.domain.TeamDefinition;
import io.gatehouse.controlplane.model.AccessGrantEntity;
import io.gatehouse.controlplane.model.IdentityEntity;
import io.gatehouse.controlplane.model.OidcTrustBindingEntity;
import io.gatehouse.controlplane.model.ResourceEntity;
import io.gatehouse.controlplane.model.TeamEntity;
import io.gatehouse.controlplane.repository.AccessGrantRepository;
import io.gatehouse.controlplane.repository.IdentityRepository;
import io.gatehouse.controlplane.repository.ResourceRepository;
import io.gatehouse.controlplane.repository.TeamRepository;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/** Reads the stored policy model into domain objects. */
@ApplicationScoped
public class PolicyModelReader {

    private final IdentityRepository identities;
    private final ResourceRepository resources;
    private final AccessGrantRepository grants;
    private final TeamRepository teams;

    public PolicyModelReader(IdentityRepository identities, ResourceRepository resources, AccessGrantRepository grants,
                             TeamRepository teams) {
        this.identities = identities;
        this.resources = resources;
        this.grants = grants;
        this.teams = teams;
    }

    /** The whole stored model, as declared (statuses not yet made effective). */
    @Transactional
    public PolicyModel read() {
        return new PolicyModel(
                identities.listAllWithBindings().stream().map(PolicyModelReader::toDomain).toList(),
                resources.listAllByName().stream().map(PolicyModelReader::toDomain).toList(),
                grants.listAllWithReferences().stream().map(PolicyModelReader::toDomain).toList(),
                teams());
    }

    /** The grants of the given identities, by identity name (an identity without grants is absent). */
    @Transactional
    public Map<String, List<GrantDefinition>> grantsOf(Collection<String> identityNames) {
        return grants.listOfIdentities(identityNames).stream().map(PolicyModelReader::toDomain)
                .collect(Collectors.groupingBy(GrantDefinition::identity, TreeMap::new,
                        Collectors.toList()));
    }

    /** Whether an identity of that name exists. */
    @Transactional
    public boolean identityExists(String name) {
        return identities.findByName(name).isPresent();
    }

    /** The teams alone: cheap enough to read for every admin request. */
    @Transactional
    public List<TeamDefinition> teams() {
        return teams.listAllByName().stream().map(PolicyModelReader::toDomain).toList();
    }

    private static TeamDefinition toDomain(TeamEntity entity) {
        return new TeamDefinition(entity.name, entity.contact, entity.ownerGroups, entity.approverGroup);
    }

    /** Every identity with its bookkeeping (created, last used) and its status effective at {@code now}. */
    @Transactional
    public List<IdentityOverview> identityOverviews(Instant now) {
        return identities.listAllWithBindings().stream()
                .map(entity -> {
                    IdentityDefinition definition = toDomain(entity);
                    return new IdentityOverview(definition, definition.effectiveStatus(now), entity.createdAt, entity.lastUsedAt);
                })
                .toList();
    }

    private static IdentityDefinition toDomain(IdentityEntity entity) {
        List<OidcTrust> trusts = entity.oidcBindings.stream()
                .map(PolicyModelReader::toDomain)
                .toList();
        return new IdentityDefinition(entity.name, entity.kind, entity.ownerTeam, entity.ownerContact, entity.purpose,
                entity.expiresAt, entity.status, trusts, rateLimit(entity));
    }

    private static OidcTrust toDomain(OidcTrustBindingEntity binding) {
        Map<String, ClaimMatcher> claims = new TreeMap<>();
        binding.claimMatchers.forEach(column -> claims.put(column.claim(), column.toDomain()));
        return OidcTrust.of(binding.issuer, binding.audiences, claims, binding.forced);
    }

    private static RateLimit rateLimit(IdentityEntity entity) {
        return entity.rateLimitRequests == null ? null
                : new RateLimit(entity.rateLimitRequests, Duration.ofMillis(entity.rateLimitPeriodMs), entity.rateLimitBurst);
    }

    private static ResourceDefinition toDomain(ResourceEntity entity) {
        return new ResourceDefinition(entity.name, entity.pathPrefix, entity.upstreamUrl,
                new CredentialInjection(entity.injectionStyle, entity.injectionHeader,
                        entity.injectionParameter, entity.injectionOAuth2 == null ? null : entity.injectionOAuth2.toDomain()),
                entity.maskedFields, entity.maskingRules,
                Duration.ofMillis(entity.upstreamTimeoutMs), entity.credentialSource.toDomain(), entity.dataPlanePools, entity.host,
                new RecordingPolicy(entity.recordingLevel, entity.recordingHeaders, entity.recordingBodyBytes,
                        entity.recordingWhenSpoolFull),
                entity.assertionHeader == null ? null : new IdentityAssertion(entity.assertionHeader, entity.assertionAudience));
    }

    static GrantDefinition toDomain(AccessGrantEntity entity) {
        ApprovalRequirement approval = entity.approvalRequired
                ? new ApprovalRequirement(entity.approverGroup, entity.quorum, millis(entity.approvalHoldTimeMs),
                        millis(entity.approvalValidityMs), entity.ownerTeamMayApprove, entity.breakGlass)
                : null;
        return new GrantDefinition(entity.identity.name, entity.resource.name, entity.methods, entity.pathPatterns,
                entity.expiresAt, approval);
    }

    private static Duration millis(Long millis) {
        return millis == null ? null : Duration.ofMillis(millis);
    }
}
