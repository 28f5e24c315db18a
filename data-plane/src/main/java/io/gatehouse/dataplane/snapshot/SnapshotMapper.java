package io.gatehouse.dataplane.snapshot;

import com.google.protobuf.Timestamp;
import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.dataplane.policy.ApprovalRule;
import io.gatehouse.proto.config.v1.ApprovalRequirement;
import io.gatehouse.dataplane.policy.GatewayTokenTrust;
import io.gatehouse.dataplane.policy.Grant;
import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.IdentityStatus;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.OidcBinding;
import io.gatehouse.dataplane.policy.PathPattern;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.gatehouse.dataplane.policy.RateLimit;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.proto.config.v1.ConfigSnapshot;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a snapshot received over gRPC into the data plane's policy model. A snapshot that cannot be
 * understood completely is rejected as a whole ({@link InvalidSnapshotException}), so the data
 * plane never enforces half a picture.
 */
public final class SnapshotMapper {

    private SnapshotMapper() {
    }

    /** @param masking compiles each resource's masking rules (once per snapshot) */
    public static PolicySnapshot toPolicy(ConfigSnapshot snapshot, MaskingRuleCompiler masking) {
        if (snapshot.getVersion().isEmpty()) {
            throw new InvalidSnapshotException("snapshot has no version");
        }
        List<Identity> identities = snapshot.getIdentitiesList().stream().map(SnapshotMapper::identity).toList();
        List<Resource> resources = snapshot.getResourcesList().stream().map(resource -> resource(resource, masking, snapshot.getIdentityAssertions())).toList();
        Set<String> identityNames = identities.stream().map(Identity::name).collect(Collectors.toSet());
        Set<String> resourceNames = new HashSet<>();
        Set<String> prefixes = new HashSet<>();
        for (Resource resource : resources) {
            if (!resourceNames.add(resource.name())) {
                throw new InvalidSnapshotException("duplicate resource '" + resource.name() + "'");
            }
            String route = (resource.host() == null ? "" : resource.host() + " ") + resource.pathPrefix();
            if (!prefixes.add(route)) {
                throw new InvalidSnapshotException("duplicate route '" + route + "'");
            }
        }
        List<Grant> grants = snapshot.getGrantsList().stream().map(grant -> {
            if (!identityNames.contains(grant.getIdentity()) || !resourceNames.contains(grant.getResource())) {
                throw new InvalidSnapshotException("grant refers to unknown identity '" + grant.getIdentity()
                        + "' or resource '" + grant.getResource() + "'");
            }
            return grant(grant);
        }).toList();
        GatewayTokenTrust gatewayTokens = snapshot.getGatewayTokens().getIssuer().isEmpty() ? GatewayTokenTrust.NONE
                : new GatewayTokenTrust(snapshot.getGatewayTokens().getIssuer(), snapshot.getGatewayTokens().getAudience(),
                ControlPlaneKeys.of(snapshot));
        return new PolicySnapshot(snapshot.getVersion(), instant(snapshot.getGeneratedAt()), identities, resources, grants,
                gatewayTokens);
    }

    private static Identity identity(io.gatehouse.proto.config.v1.Identity identity) {
        List<OidcBinding> bindings = identity.getOidcBindingsList().stream()
                .map(binding -> TrustBindingMapper.binding(identity.getName(), binding))
                .toList();
        return new Identity(identity.getName(), identity.getKind().name(), identity.getPurpose(),
                identity.hasExpiresAt() ? instant(identity.getExpiresAt()) : null, status(identity), bindings,
                identity.getOwnerTeam(), rateLimit(identity));
    }

    /** No limit unless the snapshot sets one; a limit of zero requests or an empty period is invalid. */
    private static RateLimit rateLimit(io.gatehouse.proto.config.v1.Identity identity) {
        if (!identity.hasRateLimit()) {
            return null;
        }
        io.gatehouse.proto.config.v1.RateLimit limit = identity.getRateLimit();
        Duration per = Duration.ofSeconds(limit.getPer().getSeconds(), limit.getPer().getNanos());
        if (limit.getRequests() < 1 || limit.getBurst() < 1 || per.isZero() || per.isNegative()) {
            throw new InvalidSnapshotException("identity '" + identity.getName() + "' has an invalid rate limit");
        }
        return new RateLimit(limit.getRequests(), per, limit.getBurst());
    }

    private static IdentityStatus status(io.gatehouse.proto.config.v1.Identity identity) {
        return switch (identity.getStatus()) {
            case IDENTITY_STATUS_ACTIVE -> IdentityStatus.ACTIVE;
            case IDENTITY_STATUS_SUSPENDED -> IdentityStatus.SUSPENDED;
            case IDENTITY_STATUS_REVOKED -> IdentityStatus.REVOKED;
            case IDENTITY_STATUS_EXPIRED -> IdentityStatus.EXPIRED;
            // an identity whose status this data plane does not know must not be let in
            default -> IdentityStatus.SUSPENDED;
        };
    }

    private static Resource resource(io.gatehouse.proto.config.v1.Resource resource, MaskingRuleCompiler compiler,
                                     io.gatehouse.proto.config.v1.IdentityAssertions assertions) {
        String prefix = resource.getPathPrefix();
        if (!prefix.startsWith("/") || (prefix.length() > 1 && prefix.endsWith("/"))) {
            throw new InvalidSnapshotException("resource '" + resource.getName() + "' has an invalid path prefix '" + prefix + "'");
        }
        URI upstream;
        try {
            upstream = URI.create(resource.getUpstreamUrl());
        } catch (IllegalArgumentException e) {
            throw new InvalidSnapshotException("resource '" + resource.getName() + "' has an invalid upstream URL");
        }
        if (upstream.getHost() == null || !("http".equals(upstream.getScheme()) || "https".equals(upstream.getScheme()))) {
            throw new InvalidSnapshotException("resource '" + resource.getName() + "' needs an http(s) upstream URL with a host");
        }
        CredentialInjection injection = InjectionMapper.injection(resource);
        MaskingPolicy masking;
        try {
            masking = compiler.compile(resource);
        } catch (IllegalArgumentException e) {
            throw new InvalidSnapshotException("resource '" + resource.getName() + "': " + e.getMessage());
        }
        Duration timeout = resource.hasUpstreamTimeout()
                ? Duration.ofSeconds(resource.getUpstreamTimeout().getSeconds(), resource.getUpstreamTimeout().getNanos())
                : null;
        return new Resource(resource.getName(), prefix, upstream, injection, masking, timeout,
                resource.getHost().isEmpty() ? null : resource.getHost().toLowerCase(Locale.ROOT), RecordingMapper.recording(resource),
                IdentityAssertionMapper.identityAssertion(resource, assertions));
    }

    private static Grant grant(io.gatehouse.proto.config.v1.Grant grant) {
        List<PathPattern> patterns;
        try {
            patterns = grant.getPathPatternsList().stream().map(PathPattern::compile).toList();
        } catch (IllegalArgumentException e) {
            throw new InvalidSnapshotException("grant of '" + grant.getIdentity() + "' on '" + grant.getResource() + "': " + e.getMessage());
        }
        Set<String> methods = grant.getMethodsList().stream().map(m -> m.toUpperCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
        ApprovalRule approval = grant.getApproval().getRequired() ? approvalRule(grant.getApproval()) : null;
        return new Grant(grant.getIdentity(), grant.getResource(), methods, patterns,
                grant.hasExpiresAt() ? instant(grant.getExpiresAt()) : null, approval);
    }

    private static ApprovalRule approvalRule(ApprovalRequirement approval) {
        return new ApprovalRule(approval.getApproverGroup(), Math.max(1, approval.getQuorum()),
                positiveOrNull(approval.hasHoldTime(), approval.getHoldTime()),
                positiveOrNull(approval.hasValidity(), approval.getValidity()),
                approval.getOwnerTeamMayApprove(), approval.getBreakGlass());
    }

    /** An unset or zero duration leaves the data plane's default in force. */
    private static Duration positiveOrNull(boolean present, com.google.protobuf.Duration duration) {
        if (!present) {
            return null;
        }
        Duration value = Duration.ofSeconds(duration.getSeconds(), duration.getNanos());
        return value.isZero() || value.isNegative() ? null : value;
    }

    private static Instant instant(Timestamp timestamp) {
        return Instant.ofEpochSecond(timestamp.getSeconds(), timestamp.getNanos());
    }
}
