package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.ClaimMatcher;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code gitlabCi: {project, ref, refType, environment, issuer, audience, claims, force}}: the ID
 * tokens of GitLab CI jobs (claims {@code project_path}, {@code ref}, {@code ref_type},
 * {@code environment}); the issuer defaults to gitlab.com.
 */
final class GitlabCiPreset implements TrustBindingForm {

    static final String DEFAULT_ISSUER = "https://gitlab.com";
    private static final Pattern PROJECT_PATH = Pattern.compile("[A-Za-z0-9_.-]+(/[A-Za-z0-9_.-]+)+");
    private static final Set<String> REF_TYPES = Set.of("branch", "tag");

    @Override
    public String key() {
        return "gitlabCi";
    }

    @Override
    public Set<String> allowedKeys() {
        return DeclarativeKeys.of("project", "ref", "refType", "environment", TrustValues.ISSUER, TrustValues.AUDIENCE,
                TrustValues.CLAIMS, TrustValues.FORCE);
    }

    @Override
    public Optional<Expansion> expand(MappingReader gitlab, TrustValues values) {
        Optional<String> issuer = values.issuer(gitlab, DEFAULT_ISSUER);
        Optional<ClaimMatcher> project = values.requiredMatcher(gitlab, "project")
                .flatMap(matcher -> values.exactFormat(gitlab, "project", matcher, PROJECT_PATH,
                        "must be the project path, group[/subgroup...]/project, e.g. acme/api"));
        Optional<Optional<ClaimMatcher>> ref = values.optionalMatcher(gitlab, "ref");
        Optional<Optional<String>> refType = gitlab.has("refType")
                ? gitlab.requiredText("refType").flatMap(type -> refType(gitlab, type)).map(Optional::of)
                : Optional.of(Optional.empty());
        Optional<Optional<ClaimMatcher>> environment = values.optionalMatcher(gitlab, "environment");
        Optional<String> audience = gitlab.requiredText(TrustValues.AUDIENCE);
        if (issuer.isEmpty() || project.isEmpty() || ref.isEmpty() || refType.isEmpty() || environment.isEmpty()
                || audience.isEmpty()) {
            return Optional.empty();
        }
        SortedMap<String, ClaimMatcher> claims = new TreeMap<>();
        claims.put("project_path", project.get());
        ref.get().ifPresent(matcher -> claims.put("ref", matcher));
        refType.get().ifPresent(type -> claims.put("ref_type", new ClaimMatcher.Exact(type)));
        environment.get().ifPresent(matcher -> claims.put("environment", matcher));
        return values.withExtraClaims(gitlab, claims).map(all -> new Expansion(issuer.get(), List.of(audience.get()), all,
                Set.of("project_path"), "project must name a project, or a pattern narrower than '*'"));
    }

    private static Optional<String> refType(MappingReader gitlab, String type) {
        if (!REF_TYPES.contains(type)) {
            gitlab.problem("refType", "unknown value '" + type + "' (allowed: branch, tag)");
            return Optional.empty();
        }
        return Optional.of(type);
    }
}
