package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.ClaimMatcher;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.stream.Collectors;

/** {@code oidc: {issuer, audiences, claims, force}}: any OIDC issuer, claims spelled out. */
final class GenericOidcForm implements TrustBindingForm {

    /** Registered JWT claims that say nothing about which workload holds the token. */
    private static final Set<String> NON_IDENTIFYING_CLAIMS = Set.of("iss", "aud", "exp", "nbf", "iat", "jti");

    @Override
    public String key() {
        return "oidc";
    }

    @Override
    public Set<String> allowedKeys() {
        return DeclarativeKeys.of(TrustValues.ISSUER, "audiences", TrustValues.CLAIMS, TrustValues.FORCE);
    }

    @Override
    public Optional<Expansion> expand(MappingReader oidc, TrustValues values) {
        Optional<String> issuer = values.issuer(oidc, null);
        Optional<List<String>> audiences = oidc.textList("audiences", true, true);
        Optional<SortedMap<String, ClaimMatcher>> claims = values.claims(oidc, true);
        if (claims.isPresent() && claims.get().isEmpty()) {
            oidc.problem(TrustValues.CLAIMS, "at least one claim constraint is required (a binding without claims would trust every token of the issuer)");
            claims = Optional.empty();
        }
        if (issuer.isEmpty() || audiences.isEmpty() || claims.isEmpty()) {
            return Optional.empty();
        }
        Set<String> identifying = claims.get().keySet().stream()
                .filter(claim -> !NON_IDENTIFYING_CLAIMS.contains(claim))
                .collect(Collectors.toSet());
        return Optional.of(new Expansion(issuer.get(), audiences.get(), claims.get(), identifying,
                "constrain sub or another claim that names the workload (e.g. repository: acme/api) with a value,"
                        + " oneOf, or a glob/regex narrower than '*' or '.*'"));
    }
}
