package io.gatehouse.dataplane.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The trust bindings of a snapshot grouped by issuer, so that a token is compared only with its issuer's bindings. */
public final class TrustBindingIndex {

    private record BoundBinding(Identity identity, OidcBinding binding) {
    }

    private final Map<String, List<BoundBinding>> bindingsByIssuer;

    public TrustBindingIndex(Collection<Identity> identities) {
        Map<String, List<BoundBinding>> byIssuer = new HashMap<>();
        for (Identity identity : identities) {
            for (OidcBinding binding : identity.oidcBindings()) {
                byIssuer.computeIfAbsent(binding.issuer(), issuer -> new ArrayList<>()).add(new BoundBinding(identity, binding));
            }
        }
        byIssuer.replaceAll((issuer, bindings) -> List.copyOf(bindings));
        this.bindingsByIssuer = Map.copyOf(byIssuer);
    }

    public boolean trusts(String issuer) {
        return bindingsByIssuer.containsKey(issuer);
    }

    /** Every identity with a binding that the token matches (normally one), each once. */
    public Collection<Identity> identitiesMatching(String issuer, Set<String> audiences, Map<String, Object> claims) {
        Map<String, Identity> matches = new LinkedHashMap<>();
        for (BoundBinding candidate : bindingsByIssuer.getOrDefault(issuer, List.of())) {
            if (candidate.binding().matches(audiences, claims)) {
                matches.putIfAbsent(candidate.identity().name(), candidate.identity());
            }
        }
        return matches.values();
    }
}
