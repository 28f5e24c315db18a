package io.gatehouse.dataplane.policy;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The index narrows the bindings a token is compared with; it must find exactly what comparing with every binding finds. */
class TrustBindingIndexTest {

    private static final String CI = "https://ci.example";
    private static final String OTHER = "https://other.example";

    @Test
    void findsWhatAScanOfEveryBindingFinds() {
        Random random = new Random(42);
        List<Identity> identities = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            identities.add(identity("id-" + i, randomBinding(random)));
        }
        TrustBindingIndex index = new TrustBindingIndex(identities);
        for (int i = 0; i < 3000; i++) {
            String issuer = random.nextInt(10) == 0 ? OTHER : CI;
            Set<String> audiences = Set.of(random.nextBoolean() ? "gatehouse" : "elsewhere");
            Map<String, Object> claims = randomClaims(random);
            assertEquals(List.copyOf(scan(identities, issuer, audiences, claims)),
                    List.copyOf(index.identitiesMatching(issuer, audiences, claims)), claims.toString());
        }
    }

    @Test
    void anIdentityBoundByExactValueAndAnotherByPatternStayAmbiguous() {
        TrustBindingIndex index = new TrustBindingIndex(List.of(
                identity("exact", binding(CI, exact("repository", "acme/api"))),
                identity("pattern", binding(CI, new ClaimConstraint(List.of("repository"), ClaimValueMatcher.glob("acme/*"))))));
        assertEquals(List.of("exact", "pattern"), index.identitiesMatching(CI, Set.of("gatehouse"), Map.of("repository", "acme/api"))
                .stream().map(Identity::name).toList());
    }

    @Test
    void listAndNumericClaimsAreLookedUpByEachValuesText() {
        TrustBindingIndex index = new TrustBindingIndex(List.of(
                identity("payments", binding(CI, exact("groups", "payments"))),
                identity("second-attempt", binding(CI, exact("run_attempt", "2"))),
                identity("nested", binding(CI, new ClaimConstraint(List.of("k8s", "ns"), ClaimValueMatcher.exact("ci"))))));
        assertEquals(List.of("payments"), names(index, Map.of("groups", List.of("readers", "payments"))));
        assertEquals(List.of("second-attempt"), names(index, Map.of("run_attempt", 2L)));
        assertEquals(List.of("nested"), names(index, Map.of("k8s", Map.of("ns", "ci"))));
        assertEquals(List.of(), names(index, Map.of("groups", Map.of("payments", true))));
    }

    private static List<String> names(TrustBindingIndex index, Map<String, Object> claims) {
        return index.identitiesMatching(CI, Set.of("gatehouse"), claims).stream().map(Identity::name).toList();
    }

    private static List<Identity> scan(List<Identity> identities, String issuer, Set<String> audiences, Map<String, Object> claims) {
        Map<String, Identity> matches = new LinkedHashMap<>();
        for (Identity identity : identities) {
            for (OidcBinding binding : identity.oidcBindings()) {
                if (binding.matches(issuer, audiences, claims)) {
                    matches.putIfAbsent(identity.name(), identity);
                }
            }
        }
        return List.copyOf(matches.values());
    }

    private static OidcBinding randomBinding(Random random) {
        List<ClaimConstraint> constraints = new ArrayList<>();
        int count = 1 + random.nextInt(3);
        for (int i = 0; i < count; i++) {
            String claim = List.of("repository", "ref", "groups", "attempt").get(random.nextInt(4));
            String value = claim + "-" + random.nextInt(4);
            ClaimValueMatcher matcher = switch (random.nextInt(4)) {
                case 0 -> ClaimValueMatcher.glob(claim + "-*");
                case 1 -> ClaimValueMatcher.regex(Pattern.compile(claim + "-[0-1]"));
                case 2 -> ClaimValueMatcher.oneOf(Set.of(value, claim + "-9"));
                default -> ClaimValueMatcher.exact(value);
            };
            constraints.add(new ClaimConstraint(List.of(claim), matcher));
        }
        String issuer = random.nextInt(8) == 0 ? OTHER : CI;
        return new OidcBinding(issuer, Set.of(random.nextInt(5) == 0 ? "elsewhere" : "gatehouse"), constraints);
    }

    private static Map<String, Object> randomClaims(Random random) {
        Map<String, Object> claims = new LinkedHashMap<>();
        for (String claim : List.of("repository", "ref", "groups", "attempt")) {
            switch (random.nextInt(4)) {
                case 0 -> claims.put(claim, claim + "-" + random.nextInt(4));
                case 1 -> claims.put(claim, List.of(claim + "-" + random.nextInt(4), claim + "-" + random.nextInt(4)));
                case 2 -> claims.put(claim, Map.of("nested", claim));
                default -> {
                }
            }
        }
        return claims;
    }

    private static Identity identity(String name, OidcBinding binding) {
        return new Identity(name, "ci-job", "test", Instant.parse("2099-01-01T00:00:00Z"), IdentityStatus.ACTIVE, List.of(binding),
                "platform", null);
    }

    private static OidcBinding binding(String issuer, ClaimConstraint... constraints) {
        return new OidcBinding(issuer, Set.of("gatehouse"), List.of(constraints));
    }

    private static ClaimConstraint exact(String claim, String value) {
        return new ClaimConstraint(List.of(claim), ClaimValueMatcher.exact(value));
    }
}
