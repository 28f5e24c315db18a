package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.domain.ClaimPath;
import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.OidcTrust;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.domain.ResourceDefinition;
import io.gatehouse.proto.config.v1.ApprovalRequirement;
import io.gatehouse.proto.config.v1.ClaimMatcher;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.CredentialInjection;
import io.gatehouse.proto.config.v1.Grant;
import io.gatehouse.proto.config.v1.Identity;
import io.gatehouse.proto.config.v1.IdentityKind;
import io.gatehouse.proto.config.v1.IdentityStatus;
import io.gatehouse.proto.config.v1.InjectionStyle;
import io.gatehouse.proto.config.v1.OidcTrustBinding;
import io.gatehouse.proto.config.v1.OneOfValues;
import io.gatehouse.proto.config.v1.Resource;
import jakarta.enterprise.context.ApplicationScoped;

/** Maps a domain {@link PolicySnapshot} to the {@link ConfigSnapshot} message sent to data planes. */
@ApplicationScoped
public class SnapshotProtoMapper {

    public ConfigSnapshot toProto(PolicySnapshot snapshot, String nonce) {
        ConfigSnapshot.Builder message = ConfigSnapshot.newBuilder()
                .setVersion(snapshot.version())
                .setNonce(nonce)
                .setGeneratedAt(ProtoTime.timestamp(snapshot.generatedAt()));
        snapshot.content().identities().forEach(identity -> message.addIdentities(toProto(identity)));
        snapshot.content().resources().forEach(resource -> message.addResources(toProto(resource)));
        snapshot.content().grants().forEach(grant -> message.addGrants(toProto(grant)));
        return message.build();
    }

    private static Identity toProto(IdentityDefinition identity) {
        Identity.Builder message = Identity.newBuilder()
                .setName(identity.name())
                .setKind(toProto(identity.kind()))
                .setOwnerTeam(identity.ownerTeam())
                .setOwnerContact(identity.ownerContact())
                .setPurpose(identity.purpose())
                .setExpiresAt(ProtoTime.timestamp(identity.expiresAt()))
                .setStatus(toProto(identity.status()));
        identity.oidcTrusts().forEach(trust -> message.addOidcBindings(toProto(trust)));
        if (identity.rateLimit() != null) {
            message.setRateLimit(io.gatehouse.proto.config.v1.RateLimit.newBuilder()
                    .setRequests(identity.rateLimit().requests())
                    .setPer(ProtoTime.duration(identity.rateLimit().per()))
                    .setBurst(identity.rateLimit().burst()));
        }
        return message.build();
    }

    private static OidcTrustBinding toProto(OidcTrust trust) {
        OidcTrustBinding.Builder binding = OidcTrustBinding.newBuilder()
                .setIssuer(trust.issuer())
                .addAllAudiences(trust.audiences());
        trust.claims().forEach((claim, matcher) -> binding.addClaims(toProto(claim, matcher)));
        return binding.build();
    }

    private static ClaimMatcher toProto(String claim, io.gatehouse.controlplane.domain.ClaimMatcher matcher) {
        ClaimMatcher.Builder message = ClaimMatcher.newBuilder().addAllPath(ClaimPath.segments(claim));
        if (matcher instanceof io.gatehouse.controlplane.domain.ClaimMatcher.Exact exact) {
            message.setExact(exact.value());
        } else if (matcher instanceof io.gatehouse.controlplane.domain.ClaimMatcher.Glob glob) {
            message.setGlob(glob.glob());
        } else if (matcher instanceof io.gatehouse.controlplane.domain.ClaimMatcher.Regex regex) {
            message.setRegex(regex.regex());
        } else {
            message.setOneOf(OneOfValues.newBuilder()
                    .addAllValues(((io.gatehouse.controlplane.domain.ClaimMatcher.OneOf) matcher).oneOf()));
        }
        return message.build();
    }

    private static Resource toProto(ResourceDefinition resource) {
        CredentialInjection.Builder injection = CredentialInjection.newBuilder()
                .setStyle(toProto(resource.injection().style()));
        if (resource.injection().headerName() != null) {
            injection.setHeaderName(resource.injection().headerName());
        }
        CredentialInjectionProtoMapper.addSettings(resource.injection(), injection);
        Resource.Builder message = Resource.newBuilder()
                .setHost(resource.host() == null ? "" : resource.host())
                .setName(resource.name())
                .setPathPrefix(resource.pathPrefix())
                .setUpstreamUrl(resource.upstreamUrl())
                .setInjection(injection)
                .addAllMaskedFields(resource.maskedFields())
                .addAllMaskingRules(resource.maskingRules().stream().map(MaskingRuleProtoMapper::toProto).toList())
                .setUpstreamTimeout(ProtoTime.duration(resource.upstreamTimeout()))
                .setCredentialSource(CredentialSourceProtoMapper.toProto(resource.credentialSource()))
                .addAllDataPlanePools(resource.dataPlanePools());
        if (!resource.recording().isDefault()) {
            // left out when default, so that snapshots of resources that declare no recording stay as they were
            message.setRecording(RecordingProtoMapper.toProto(resource.recording()));
        }
        if (resource.identityAssertion() != null) {
            message.setIdentityAssertion(io.gatehouse.proto.config.v1.IdentityAssertion.newBuilder()
                    .setHeaderName(resource.identityAssertion().headerName())
                    .setAudience(resource.identityAssertion().audience()));
        }
        return message.build();
    }

    private static Grant toProto(GrantDefinition grant) {
        Grant.Builder message = Grant.newBuilder()
                .setIdentity(grant.identity())
                .setResource(grant.resource())
                .addAllMethods(grant.methods())
                .addAllPathPatterns(grant.pathPatterns());
        grant.expiry().ifPresent(expiry -> message.setExpiresAt(ProtoTime.timestamp(expiry)));
        grant.approvalRequirement().ifPresent(approval -> {
            ApprovalRequirement.Builder requirement = ApprovalRequirement.newBuilder()
                    .setRequired(true)
                    .setApproverGroup(approval.approverGroup())
                    .setQuorum(approval.quorum())
                    .setOwnerTeamMayApprove(approval.ownerTeamMayApprove())
                    .setBreakGlass(approval.breakGlass());
            approval.hold().ifPresent(hold -> requirement.setHoldTime(ProtoTime.duration(hold)));
            approval.validityWindow().ifPresent(validity -> requirement.setValidity(ProtoTime.duration(validity)));
            message.setApproval(requirement);
        });
        return message.build();
    }

    private static IdentityKind toProto(io.gatehouse.controlplane.domain.IdentityKind kind) {
        return switch (kind) {
            case CI_JOB -> IdentityKind.IDENTITY_KIND_CI_JOB;
            case SERVICE -> IdentityKind.IDENTITY_KIND_SERVICE;
            case CRON -> IdentityKind.IDENTITY_KIND_CRON;
            case AGENT -> IdentityKind.IDENTITY_KIND_AGENT;
            case OTHER -> IdentityKind.IDENTITY_KIND_OTHER;
        };
    }

    private static IdentityStatus toProto(io.gatehouse.controlplane.domain.IdentityStatus status) {
        return switch (status) {
            case ACTIVE -> IdentityStatus.IDENTITY_STATUS_ACTIVE;
            case SUSPENDED -> IdentityStatus.IDENTITY_STATUS_SUSPENDED;
            case REVOKED -> IdentityStatus.IDENTITY_STATUS_REVOKED;
            case EXPIRED -> IdentityStatus.IDENTITY_STATUS_EXPIRED;
        };
    }

    private static InjectionStyle toProto(io.gatehouse.controlplane.domain.InjectionStyle style) {
        return switch (style) {
            case BEARER -> InjectionStyle.INJECTION_STYLE_BEARER;
            case HEADER -> InjectionStyle.INJECTION_STYLE_HEADER;
            case BASIC -> InjectionStyle.INJECTION_STYLE_BASIC;
            case QUERY -> InjectionStyle.INJECTION_STYLE_QUERY;
            case OAUTH2_CLIENT_CREDENTIALS -> InjectionStyle.INJECTION_STYLE_OAUTH2_CLIENT_CREDENTIALS;
        };
    }
}
