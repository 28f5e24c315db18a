package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.ClaimMatcher;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code spiffe: {issuer, spiffeId, audience, claims, force}}: JWT-SVIDs of one workload, whose
 * {@code sub} is its SPIFFE ID. The issuer is where the trust domain's keys are published (for
 * SPIRE: its OIDC discovery provider).
 */
final class SpiffePreset implements TrustBindingForm {

    /** spiffe://trust-domain/path: a lower-case trust domain and non-empty path segments other than . and .. */
    private static final Pattern SPIFFE_ID = Pattern.compile(
            "spiffe://[a-z0-9._-]+(/(?!\\.\\.?(/|$))[A-Za-z0-9._-]+)+");

    @Override
    public String key() {
        return "spiffe";
    }

    @Override
    public Set<String> allowedKeys() {
        return DeclarativeKeys.of(TrustValues.ISSUER, "spiffeId", TrustValues.AUDIENCE, TrustValues.CLAIMS,
                TrustValues.FORCE);
    }

    @Override
    public Optional<Expansion> expand(MappingReader spiffe, TrustValues values) {
        Optional<String> issuer = values.issuer(spiffe, null);
        Optional<String> spiffeId = spiffe.requiredText("spiffeId").flatMap(id -> {
            if (!SPIFFE_ID.matcher(id).matches()) {
                spiffe.problem("spiffeId", "must be a SPIFFE ID of a workload, spiffe://<trust domain>/<path>,"
                        + " e.g. spiffe://acme.org/ns/ci/sa/deployer, was '" + id + "'");
                return Optional.empty();
            }
            return Optional.of(id);
        });
        Optional<String> audience = spiffe.requiredText(TrustValues.AUDIENCE);
        if (issuer.isEmpty() || spiffeId.isEmpty() || audience.isEmpty()) {
            return Optional.empty();
        }
        SortedMap<String, ClaimMatcher> claims = new TreeMap<>();
        claims.put("sub", new ClaimMatcher.Exact(spiffeId.get()));
        return values.withExtraClaims(spiffe, claims).map(all -> new Expansion(issuer.get(), List.of(audience.get()), all,
                Set.of("sub"), "spiffeId names the workload"));
    }
}
