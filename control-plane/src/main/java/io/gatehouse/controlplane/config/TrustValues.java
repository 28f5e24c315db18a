package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.ClaimMatcher;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/** Reading the values every trust binding form shares: issuer, audience, claim matchers. */
final class TrustValues {

    static final String FORCE = "force";
    static final String CLAIMS = "claims";
    static final String ISSUER = "issuer";
    static final String AUDIENCE = "audience";

    private final ClaimMatcherParser matchers;

    TrustValues(ClaimMatcherParser matchers) {
        this.matchers = matchers;
    }

    /** An absolute http(s) URL with a host and without user info, query or fragment, as written. */
    private Optional<String> issuer(MappingReader binding, String key, String text) {
        try {
            URI uri = new URI(text);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                binding.problem(key, "must be an absolute http(s) URL with a host and without credentials, query or fragment, was '" + text + "'");
                return Optional.empty();
            }
            return Optional.of(text);
        } catch (URISyntaxException e) {
            binding.problem(key, "is not a valid URL: " + e.getReason() + ", was '" + text + "'");
            return Optional.empty();
        }
    }

    /** The required issuer of the binding, or {@code defaultIssuer} when that is not null and none is given. */
    Optional<String> issuer(MappingReader binding, String defaultIssuer) {
        if (defaultIssuer != null && !binding.has(ISSUER)) {
            return Optional.of(defaultIssuer);
        }
        return binding.requiredText(ISSUER).flatMap(text -> issuer(binding, ISSUER, text));
    }

    /** The matcher of an optional preset parameter: empty result if invalid, empty optional if absent. */
    Optional<Optional<ClaimMatcher>> optionalMatcher(MappingReader binding, String key) {
        return binding.value(key).isEmpty()
                ? Optional.of(Optional.empty())
                : matchers.parse(binding.value(key).get(), binding.pathOf(key)).map(Optional::of);
    }

    Optional<ClaimMatcher> requiredMatcher(MappingReader binding, String key) {
        return binding.required(key).flatMap(value -> matchers.parse(value, binding.pathOf(key)));
    }

    /** {@code matcher} if it is not an exact value, or an exact value of the claim's {@code format}. */
    Optional<ClaimMatcher> exactFormat(MappingReader binding, String key, ClaimMatcher matcher, Pattern format,
                                       String requirement) {
        if (matcher instanceof ClaimMatcher.Exact exact && !format.matcher(exact.value()).matches()) {
            binding.problem(key, requirement + ", was '" + exact.value() + "'");
            return Optional.empty();
        }
        return Optional.of(matcher);
    }

    /** The claims of {@code claims:}; an empty mapping when absent and not {@code required}. */
    Optional<SortedMap<String, ClaimMatcher>> claims(MappingReader binding, boolean required) {
        if (!required && !binding.has(CLAIMS)) {
            return Optional.of(new TreeMap<>());
        }
        return binding.required(CLAIMS).flatMap(node -> matchers.parseClaims(node, binding.pathOf(CLAIMS)));
    }

    /**
     * The preset's own claims plus the extra ones under {@code claims:}; an extra claim the preset
     * already constrains is a problem (the preset parameter is the place to set it).
     */
    Optional<SortedMap<String, ClaimMatcher>> withExtraClaims(MappingReader binding, SortedMap<String, ClaimMatcher> presetClaims) {
        return claims(binding, false).flatMap(extra -> {
            SortedMap<String, ClaimMatcher> all = new TreeMap<>(presetClaims);
            boolean valid = true;
            for (var claim : extra.entrySet()) {
                if (all.putIfAbsent(claim.getKey(), claim.getValue()) != null) {
                    duplicateClaim(binding, claim.getKey());
                    valid = false;
                }
            }
            return valid ? Optional.of(all) : Optional.empty();
        });
    }

    private static void duplicateClaim(MappingReader binding, String claim) {
        binding.problem(CLAIMS + "." + claim, "already constrained by a parameter of this preset; set it there");
    }
}
