package io.gatehouse.dataplane.policy;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The trust bindings of a snapshot grouped by issuer, and within an issuer by a claim value they require, so that a
 * token is compared only with the bindings that can match it.
 */
public final class TrustBindingIndex {

    private final Map<String, IssuerBindings> bindingsByIssuer;

    public TrustBindingIndex(Collection<Identity> identities) {
        Map<String, List<IssuerBindings.BoundBinding>> byIssuer = new HashMap<>();
        for (Identity identity : identities) {
            for (OidcBinding binding : identity.oidcBindings()) {
                List<IssuerBindings.BoundBinding> ofIssuer = byIssuer.computeIfAbsent(binding.issuer(), issuer -> new ArrayList<>());
                ofIssuer.add(new IssuerBindings.BoundBinding(ofIssuer.size(), identity, binding));
            }
        }
        Map<String, IssuerBindings> indexed = new HashMap<>();
        byIssuer.forEach((issuer, bindings) -> indexed.put(issuer, new IssuerBindings(bindings)));
        this.bindingsByIssuer = Map.copyOf(indexed);
    }

    public boolean trusts(String issuer) {
        return bindingsByIssuer.containsKey(issuer);
    }

    /** Every identity with a binding that the token matches (normally one), each once. */
    public Collection<Identity> identitiesMatching(String issuer, Set<String> audiences, Map<String, Object> claims) {
        IssuerBindings ofIssuer = bindingsByIssuer.get(issuer);
        if (ofIssuer == null) {
            return List.of();
        }
        List<IssuerBindings.BoundBinding> candidates = ofIssuer.candidates(claims);
        if (candidates.size() == 1) {
            IssuerBindings.BoundBinding only = candidates.get(0);
            return only.binding().matches(audiences, claims) ? List.of(only.identity()) : List.of();
        }
        Map<String, Identity> matches = new LinkedHashMap<>();
        for (IssuerBindings.BoundBinding candidate : candidates) {
            if (candidate.binding().matches(audiences, claims)) {
                matches.putIfAbsent(candidate.identity().name(), candidate.identity());
            }
        }
        return matches.values();
    }
}
