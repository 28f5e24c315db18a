package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.OidcTrust;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.RateLimit;
import io.gatehouse.controlplane.domain.ResourceDefinition;
import io.gatehouse.controlplane.domain.TeamDefinition;
import io.gatehouse.controlplane.model.ClaimMatcherColumn;
import io.gatehouse.controlplane.model.CredentialSourceColumn;
import io.gatehouse.controlplane.model.OAuth2Column;
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

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Makes the stored policy model exactly a given {@link PolicyModel}, in one transaction:
 * identities and resources are upserted by name (surviving identities keep created_at and
 * last_used_at), whatever is absent is deleted, and grants are replaced.
 */
@ApplicationScoped
public class PolicyModelWriter {

    private final IdentityRepository identities;
    private final ResourceRepository resources;
    private final AccessGrantRepository grants;
    private final TeamRepository teams;
    private final Clock clock;

    public PolicyModelWriter(IdentityRepository identities, ResourceRepository resources,
                             AccessGrantRepository grants, TeamRepository teams, Clock clock) {
        this.identities = identities;
        this.resources = resources;
        this.grants = grants;
        this.teams = teams;
        this.clock = clock;
    }

    @Transactional
    public void replaceWith(PolicyModel model) {
        PolicyChangeSignal.announceInCurrentTransaction();
        grants.deleteAll();
        identities.deleteAllExcept(model.identities().stream().map(IdentityDefinition::name).toList());
        resources.deleteAllExcept(model.resources().stream().map(ResourceDefinition::name).toList());
        teams.deleteAllExcept(model.teams().stream().map(TeamDefinition::name).toList());
        Map<String, TeamEntity> teamsByName = byName(teams.listAll(), entity -> entity.name);
        for (TeamDefinition team : model.teams()) {
            TeamEntity entity = teamsByName.computeIfAbsent(team.name(), name -> new TeamEntity());
            copy(team, entity);
            teams.persist(entity);
        }

        Map<String, IdentityEntity> identitiesByName = byName(identities.listAllWithBindings(), entity -> entity.name);
        for (IdentityDefinition identity : model.identities()) {
            IdentityEntity entity = identitiesByName.computeIfAbsent(identity.name(), name -> newIdentity());
            copy(identity, entity);
            identities.persist(entity);
        }
        Map<String, ResourceEntity> resourcesByName = byName(resources.listAll(), entity -> entity.name);
        for (ResourceDefinition resource : model.resources()) {
            ResourceEntity entity = resourcesByName.computeIfAbsent(resource.name(), name -> new ResourceEntity());
            copy(resource, entity);
            resources.persist(entity);
        }
        for (GrantDefinition grant : model.grants()) {
            grants.persist(toEntity(grant, identitiesByName.get(grant.identity()), resourcesByName.get(grant.resource())));
        }
        grants.flush();
    }

    /** Creates or replaces one identity (its grants stay). */
    @Transactional
    public void upsertIdentity(IdentityDefinition identity) {
        PolicyChangeSignal.announceInCurrentTransaction();
        IdentityEntity entity = identities.findByName(identity.name()).orElseGet(this::newIdentity);
        copy(identity, entity);
        identities.persist(entity);
        identities.flush();
    }

    /** Deletes one identity; the caller has made sure no grant refers to it. */
    @Transactional
    public void deleteIdentity(String name) {
        PolicyChangeSignal.announceInCurrentTransaction();
        identities.delete("name", name);
    }

    /** Creates or replaces one resource (its grants stay). */
    @Transactional
    public void upsertResource(ResourceDefinition resource) {
        PolicyChangeSignal.announceInCurrentTransaction();
        ResourceEntity entity = resources.findByName(resource.name()).orElseGet(ResourceEntity::new);
        copy(resource, entity);
        resources.persist(entity);
        resources.flush();
    }

    /** Deletes one resource; the caller has made sure no grant refers to it. */
    @Transactional
    public void deleteResource(String name) {
        PolicyChangeSignal.announceInCurrentTransaction();
        resources.delete("name", name);
    }

    /** Creates or replaces one team (its identities stay). */
    @Transactional
    public void upsertTeam(TeamDefinition team) {
        PolicyChangeSignal.announceInCurrentTransaction();
        TeamEntity entity = teams.findByName(team.name()).orElseGet(TeamEntity::new);
        copy(team, entity);
        teams.persist(entity);
        teams.flush();
    }

    /** Deletes one team; the caller has made sure no identity belongs to it. */
    @Transactional
    public void deleteTeam(String name) {
        PolicyChangeSignal.announceInCurrentTransaction();
        teams.delete("name", name);
    }

    @Transactional
    public void addGrant(GrantDefinition grant) {
        PolicyChangeSignal.announceInCurrentTransaction();
        grants.persist(toEntity(grant, identities.findByName(grant.identity()).orElse(null),
                resources.findByName(grant.resource()).orElse(null)));
        grants.flush();
    }

    /** Deletes the stored grant with {@code grant}'s id. */
    @Transactional
    public void deleteGrant(GrantDefinition grant) {
        PolicyChangeSignal.announceInCurrentTransaction();
        grants.listOf(grant.identity(), grant.resource()).stream()
                .filter(entity -> PolicyModelReader.toDomain(entity).id().equals(grant.id()))
                .forEach(grants::delete);
        grants.flush();
    }

    private IdentityEntity newIdentity() {
        IdentityEntity entity = new IdentityEntity();
        entity.createdAt = clock.instant();
        return entity;
    }

    private static void copy(IdentityDefinition identity, IdentityEntity entity) {
        entity.name = identity.name();
        entity.kind = identity.kind();
        entity.ownerTeam = identity.ownerTeam();
        entity.ownerContact = identity.ownerContact();
        entity.purpose = identity.purpose();
        entity.expiresAt = identity.expiresAt();
        entity.status = identity.status();
        RateLimit limit = identity.rateLimit();
        entity.rateLimitRequests = limit == null ? null : limit.requests();
        entity.rateLimitPeriodMs = limit == null ? null : limit.per().toMillis();
        entity.rateLimitBurst = limit == null ? null : limit.burst();
        entity.oidcBindings.clear();
        for (OidcTrust trust : identity.oidcTrusts()) {
            OidcTrustBindingEntity binding = new OidcTrustBindingEntity();
            binding.identity = entity;
            binding.issuer = trust.issuer();
            binding.audiences = new ArrayList<>(trust.audiences());
            binding.claimMatchers = trust.claims().entrySet().stream()
                    .map(claim -> ClaimMatcherColumn.of(claim.getKey(), claim.getValue()))
                    .collect(Collectors.toCollection(ArrayList::new));
            binding.forced = trust.force();
            entity.oidcBindings.add(binding);
        }
    }

    private static void copy(TeamDefinition team, TeamEntity entity) {
        entity.name = team.name();
        entity.contact = team.contact();
        entity.ownerGroups = new ArrayList<>(team.ownerGroups());
        entity.approverGroup = team.approverGroup();
    }

    private static void copy(ResourceDefinition resource, ResourceEntity entity) {
        entity.name = resource.name();
        entity.pathPrefix = resource.pathPrefix();
        entity.host = resource.host() == null ? "" : resource.host();
        entity.upstreamUrl = resource.upstreamUrl();
        entity.injectionStyle = resource.injection().style();
        entity.injectionHeader = resource.injection().headerName();
        entity.injectionParameter = resource.injection().parameterName();
        entity.injectionOAuth2 = OAuth2Column.of(resource.injection().oauth2());
        entity.maskedFields = new ArrayList<>(resource.maskedFields());
        entity.maskingRules = new ArrayList<>(resource.maskingRules());
        entity.upstreamTimeoutMs = resource.upstreamTimeout().toMillis();
        entity.credentialSource = CredentialSourceColumn.of(resource.credentialSource());
        entity.dataPlanePools = new ArrayList<>(resource.dataPlanePools());
        entity.recordingLevel = resource.recording().level();
        entity.recordingHeaders = new ArrayList<>(resource.recording().headers());
        entity.recordingBodyBytes = resource.recording().bodyBytes();
        entity.recordingWhenSpoolFull = resource.recording().whenSpoolFull();
        entity.assertionHeader = resource.identityAssertion() == null ? null : resource.identityAssertion().headerName();
        entity.assertionAudience = resource.identityAssertion() == null ? null : resource.identityAssertion().audience();
    }

    private static AccessGrantEntity toEntity(GrantDefinition grant, IdentityEntity identity, ResourceEntity resource) {
        if (identity == null || resource == null) {
            throw new IllegalArgumentException("grant refers to an identity or resource not in the model: " + grant);
        }
        AccessGrantEntity entity = new AccessGrantEntity();
        entity.identity = identity;
        entity.resource = resource;
        entity.methods = new ArrayList<>(grant.methods());
        entity.pathPatterns = new ArrayList<>(grant.pathPatterns());
        entity.expiresAt = grant.expiresAt();
        grant.approvalRequirement().ifPresent(approval -> {
            entity.approvalRequired = true;
            entity.approverGroup = approval.approverGroup();
            entity.quorum = approval.quorum();
            entity.approvalHoldTimeMs = approval.hold().map(Duration::toMillis).orElse(null);
            entity.approvalValidityMs = approval.validityWindow().map(Duration::toMillis).orElse(null);
            entity.ownerTeamMayApprove = approval.ownerTeamMayApprove();
            entity.breakGlass = approval.breakGlass();
        });
        return entity;
    }

    private static <E> Map<String, E> byName(List<E> entities, Function<E, String> name) {
        return entities.stream().collect(Collectors.toMap(name, Function.identity(), (first, second) -> first, HashMap::new));
    }
}
