package io.gatehouse.dataplane.policy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One consistent, immutable picture of identities, resources and grants, as sent by the control plane. */
public final class PolicySnapshot {

    private static final String ANY_HOST = "";

    private final String version;
    private final Instant generatedAt;
    private final Map<String, Identity> identitiesByName;
    /** By host ("" for resources that serve any host), then by path prefix. */
    private final Map<String, Map<String, Resource>> resourcesByHostAndPrefix;
    private final int resourceCount;
    private final Map<String, Map<String, List<Grant>>> grantsByIdentityAndResource;
    private final TrustBindingIndex trustBindings;
    private final GatewayTokenTrust gatewayTokens;

    public PolicySnapshot(String version, Instant generatedAt, List<Identity> identities, List<Resource> resources,
                          List<Grant> grants) {
        this(version, generatedAt, identities, resources, grants, GatewayTokenTrust.NONE);
    }

    public PolicySnapshot(String version, Instant generatedAt, List<Identity> identities, List<Resource> resources,
                          List<Grant> grants, GatewayTokenTrust gatewayTokens) {
        this.version = version;
        this.gatewayTokens = gatewayTokens;
        this.generatedAt = generatedAt;
        this.identitiesByName = identities.stream().collect(Collectors.toUnmodifiableMap(Identity::name, Function.identity()));
        this.resourcesByHostAndPrefix = resources.stream().collect(Collectors.groupingBy(
                resource -> resource.host() == null ? ANY_HOST : resource.host(),
                Collectors.toUnmodifiableMap(Resource::pathPrefix, Function.identity())));
        this.resourceCount = resources.size();
        this.grantsByIdentityAndResource = grants.stream().collect(Collectors.groupingBy(Grant::identity,
                Collectors.groupingBy(Grant::resource)));
        this.trustBindings = new TrustBindingIndex(identities);
    }

    public static PolicySnapshot empty() {
        return new PolicySnapshot("", Instant.EPOCH, List.of(), List.of(), List.of());
    }

    public String version() {
        return version;
    }

    public Instant generatedAt() {
        return generatedAt;
    }

    public boolean trusts(String issuer) {
        return trustBindings.trusts(issuer);
    }

    public TrustBindingIndex trustBindings() {
        return trustBindings;
    }

    public GatewayTokenTrust gatewayTokens() {
        return gatewayTokens;
    }

    public Optional<Identity> identity(String name) {
        return Optional.ofNullable(identitiesByName.get(name));
    }

    public java.util.Collection<Identity> identities() {
        return identitiesByName.values();
    }

    public int resourceCount() {
        return resourceCount;
    }

    /**
     * The resource whose prefix is the longest segment-aligned prefix of the canonical path: one map
     * lookup per segment of the path, however many resources there are.
     */
    public Optional<Resource> route(String canonicalPath) {
        return route(null, canonicalPath);
    }

    /**
     * The resource for a request to {@code host} (lower case, no port; null when unknown): the resources of
     * that host first, then those serving any host; within each, the longest segment-aligned prefix.
     */
    public Optional<Resource> route(String host, String canonicalPath) {
        if (host != null) {
            Map<String, Resource> ofHost = resourcesByHostAndPrefix.get(host);
            if (ofHost != null) {
                Optional<Resource> routed = longestPrefix(ofHost, canonicalPath);
                if (routed.isPresent()) {
                    return routed;
                }
            }
        }
        return longestPrefix(resourcesByHostAndPrefix.getOrDefault(ANY_HOST, Map.of()), canonicalPath);
    }

    private static Optional<Resource> longestPrefix(Map<String, Resource> resourcesByPrefix, String canonicalPath) {
        Resource exact = resourcesByPrefix.get(canonicalPath);
        if (exact != null) {
            return Optional.of(exact);
        }
        for (int end = canonicalPath.lastIndexOf('/'); end > 0; end = canonicalPath.lastIndexOf('/', end - 1)) {
            Resource resource = resourcesByPrefix.get(canonicalPath.substring(0, end));
            if (resource != null) {
                return Optional.of(resource);
            }
        }
        return Optional.ofNullable(resourcesByPrefix.get("/"));
    }

    /** The grants of one identity on one resource, without looking at anyone else's. */
    public List<Grant> grantsOf(String identity, String resource) {
        return grantsByIdentityAndResource.getOrDefault(identity, Map.of()).getOrDefault(resource, List.of());
    }
}
