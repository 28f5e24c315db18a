package io.gatehouse.dataplane.policy;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/** One consistent, immutable picture of identities, resources and grants, as sent by the control plane. */
public final class PolicySnapshot {

    private final String version;
    private final Instant generatedAt;
    private final Map<String, Identity> identitiesByName;
    private final List<Resource> resourcesLongestPrefixFirst;
    private final Map<String, List<Grant>> grantsByIdentity;
    private final TrustBindingIndex trustBindings;

    public PolicySnapshot(String version, Instant generatedAt, List<Identity> identities, List<Resource> resources,
                          List<Grant> grants) {
        this.version = version;
        this.generatedAt = generatedAt;
        this.identitiesByName = identities.stream().collect(Collectors.toUnmodifiableMap(Identity::name, Function.identity()));
        this.resourcesLongestPrefixFirst = resources.stream()
                .sorted(Comparator.comparingInt((Resource r) -> r.pathPrefix().length()).reversed())
                .toList();
        this.grantsByIdentity = grants.stream().collect(Collectors.groupingBy(Grant::identity));
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

    public java.util.Collection<Identity> identities() {
        return identitiesByName.values();
    }

    public int resourceCount() {
        return resourcesLongestPrefixFirst.size();
    }

    /** The resource whose prefix is the longest segment-aligned prefix of the canonical path. */
    public Optional<Resource> route(String canonicalPath) {
        for (Resource resource : resourcesLongestPrefixFirst) {
            String prefix = resource.pathPrefix();
            if (prefix.equals("/") || canonicalPath.equals(prefix) || canonicalPath.startsWith(prefix + "/")) {
                return Optional.of(resource);
            }
        }
        return Optional.empty();
    }

    public List<Grant> grantsOf(String identity, String resource) {
        return grantsByIdentity.getOrDefault(identity, List.of()).stream()
                .filter(grant -> grant.resource().equals(resource))
                .toList();
    }
}
