package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.ClaimMatcher;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;

/**
 * One way of writing a trust binding under {@code trust:} — the generic {@code oidc} form or a
 * preset — and how it expands into issuer, audiences and claim matchers.
 */
interface TrustBindingForm {

    /** The key under {@code trust:}. */
    String key();

    /** The keys its mapping may hold, {@code force} included. */
    Set<String> allowedKeys();

    /** Reports every problem of the mapping; empty when there was one. */
    Optional<Expansion> expand(MappingReader binding, TrustValues values);

    /**
     * A binding written in some form: {@code identifyingClaims} are the claims of which at least one
     * must be pinned (constrained by a matcher that does not accept everything) unless the binding
     * says {@code force: true}; {@code unpinnedHint} tells how to fix a binding that pins none.
     */
    record Expansion(String issuer, List<String> audiences, SortedMap<String, ClaimMatcher> claims,
                     Set<String> identifyingClaims, String unpinnedHint) {
    }
}
