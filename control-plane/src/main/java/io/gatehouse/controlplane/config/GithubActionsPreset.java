package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.ClaimMatcher;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code githubActions: {repository, ref, workflowRef, environment, audience, issuer, claims, force}}:
 * the OIDC tokens of GitHub Actions workflows (claims {@code repository}, {@code ref},
 * {@code workflow_ref}, {@code environment}).
 */
final class GithubActionsPreset implements TrustBindingForm {

    static final String ISSUER = "https://token.actions.githubusercontent.com";
    private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");

    @Override
    public String key() {
        return "githubActions";
    }

    @Override
    public Set<String> allowedKeys() {
        return DeclarativeKeys.of("repository", "ref", "workflowRef", "environment", TrustValues.AUDIENCE,
                TrustValues.ISSUER, TrustValues.CLAIMS, TrustValues.FORCE);
    }

    @Override
    public Optional<Expansion> expand(MappingReader github, TrustValues values) {
        // GitHub Enterprise Server has its own issuer; github.com's is the default
        Optional<String> issuer = values.issuer(github, ISSUER);
        Optional<ClaimMatcher> repository = values.requiredMatcher(github, "repository")
                .flatMap(matcher -> values.exactFormat(github, "repository", matcher, REPOSITORY,
                        "must be owner/name, e.g. acme/api"));
        Optional<Optional<ClaimMatcher>> ref = values.optionalMatcher(github, "ref").flatMap(matcher -> matcher.isEmpty()
                ? Optional.of(matcher)
                : values.exactFormat(github, "ref", matcher.get(), Pattern.compile("refs/.+"),
                        "must be a full ref, e.g. refs/heads/main or refs/tags/v1").map(Optional::of));
        Optional<Optional<ClaimMatcher>> workflowRef = values.optionalMatcher(github, "workflowRef");
        Optional<Optional<ClaimMatcher>> environment = values.optionalMatcher(github, "environment");
        Optional<String> audience = github.has(TrustValues.AUDIENCE)
                ? github.requiredText(TrustValues.AUDIENCE)
                : repository.flatMap(matcher -> defaultAudience(github, matcher));
        if (issuer.isEmpty() || repository.isEmpty() || ref.isEmpty() || workflowRef.isEmpty() || environment.isEmpty()
                || audience.isEmpty()) {
            return Optional.empty();
        }
        SortedMap<String, ClaimMatcher> claims = new TreeMap<>();
        claims.put("repository", repository.get());
        ref.get().ifPresent(matcher -> claims.put("ref", matcher));
        workflowRef.get().ifPresent(matcher -> claims.put("workflow_ref", matcher));
        environment.get().ifPresent(matcher -> claims.put("environment", matcher));
        return values.withExtraClaims(github, claims).map(all -> new Expansion(issuer.get(), List.of(audience.get()), all,
                Set.of("repository"), "repository must name a repository, or a pattern narrower than '*'"));
    }

    /** GitHub's default audience is the URL of the repository owner. */
    private static Optional<String> defaultAudience(MappingReader github, ClaimMatcher repository) {
        if (repository instanceof ClaimMatcher.Exact exact) {
            return Optional.of("https://github.com/" + exact.value().substring(0, exact.value().indexOf('/')));
        }
        github.problem(TrustValues.AUDIENCE, "required when repository is not a single repository"
                + " (GitHub's default audience is the URL of the repository owner)");
        return Optional.empty();
    }
}
