package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.ClaimMatcher;
import io.gatehouse.controlplane.domain.OidcTrust;
import io.gatehouse.controlplane.domain.PolicyModel;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The {@code trust:} forms of the declarative config: matchers, presets, the pinning rule and their problems. */
class TrustBindingConfigTest {

    private static final String CI = "https://ci.acme.example";
    private static final String GITHUB = "https://token.actions.githubusercontent.com";

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void claimsTakeExactValuesAndEveryMatcherForm() {
        OidcTrust trust = onlyBinding("""
                {oidc: {issuer: "https://ci.acme.example", audiences: [gatehouse, other], claims: {
                  sub: "repo:acme/api:ref:refs/heads/main",
                  ref: {glob: "refs/heads/release/*"},
                  workflow: {regex: "deploy-(prod|staging)\\\\.yml"},
                  team: {oneOf: [payments, billing, payments]},
                  environment: {exact: prod},
                  run_attempt: 1,
                  protected: true,
                  kubernetes.io/namespace: ci,
                  "https:~1~1acme.example~1tier": gold}}}
                """);

        assertEquals(OidcTrust.of(CI, List.of("gatehouse", "other"), Map.of(
                "sub", new ClaimMatcher.Exact("repo:acme/api:ref:refs/heads/main"),
                "ref", new ClaimMatcher.Glob("refs/heads/release/*"),
                "workflow", new ClaimMatcher.Regex("deploy-(prod|staging)\\.yml"),
                "team", new ClaimMatcher.OneOf(List.of("billing", "payments")),
                "environment", new ClaimMatcher.Exact("prod"),
                "run_attempt", new ClaimMatcher.Exact("1"),
                "protected", new ClaimMatcher.Exact("true"),
                "kubernetes.io/namespace", new ClaimMatcher.Exact("ci"),
                "https:~1~1acme.example~1tier", new ClaimMatcher.Exact("gold")), false), trust);
    }

    @Test
    void githubActionsPresetExpandsToItsIssuerClaimsAndTheOwnerAudience() {
        OidcTrust trust = onlyBinding("""
                {githubActions: {repository: acme/api, ref: refs/heads/main,
                  workflowRef: "acme/api/.github/workflows/deploy.yml@refs/heads/main", environment: prod}}
                """);

        assertEquals(OidcTrust.exact(GITHUB, List.of("https://github.com/acme"), Map.of(
                "repository", "acme/api",
                "ref", "refs/heads/main",
                "workflow_ref", "acme/api/.github/workflows/deploy.yml@refs/heads/main",
                "environment", "prod")), trust);
    }

    @Test
    void githubActionsPresetTakesMatchersAnAudienceAnEnterpriseIssuerAndExtraClaims() {
        OidcTrust trust = onlyBinding("""
                {githubActions: {repository: {glob: "acme/*"}, ref: {oneOf: [refs/heads/main, refs/heads/next]},
                  audience: gatehouse, issuer: "https://github.acme.example/_services/token",
                  claims: {repository_owner_id: "4242"}}}
                """);

        assertEquals(OidcTrust.of("https://github.acme.example/_services/token", List.of("gatehouse"), Map.of(
                "repository", new ClaimMatcher.Glob("acme/*"),
                "ref", new ClaimMatcher.OneOf(List.of("refs/heads/main", "refs/heads/next")),
                "repository_owner_id", new ClaimMatcher.Exact("4242")), false), trust);
    }

    @Test
    void gitlabCiPresetDefaultsToGitlabDotCom() {
        OidcTrust trust = onlyBinding("""
                {gitlabCi: {project: acme/platform/api, ref: main, refType: branch, environment: production, audience: gatehouse}}
                """);

        assertEquals(OidcTrust.exact("https://gitlab.com", List.of("gatehouse"), Map.of(
                "project_path", "acme/platform/api",
                "ref", "main",
                "ref_type", "branch",
                "environment", "production")), trust);
    }

    @Test
    void kubernetesPresetPinsTheServiceAccountBySubjectAndNestedClaims() {
        OidcTrust trust = onlyBinding("""
                {kubernetes: {issuer: "https://kubernetes.default.svc.cluster.local", namespace: ci, serviceAccount: deployer,
                  audience: gatehouse}}
                """);

        assertEquals(OidcTrust.exact("https://kubernetes.default.svc.cluster.local", List.of("gatehouse"), Map.of(
                "sub", "system:serviceaccount:ci:deployer",
                "kubernetes.io/namespace", "ci",
                "kubernetes.io/serviceaccount/name", "deployer")), trust);
    }

    @Test
    void spiffePresetPinsTheSpiffeIdAsSubject() {
        OidcTrust trust = onlyBinding("""
                {spiffe: {issuer: "https://oidc.acme.org", spiffeId: "spiffe://acme.org/ns/ci/sa/deployer", audience: gatehouse}}
                """);

        assertEquals(OidcTrust.exact("https://oidc.acme.org", List.of("gatehouse"),
                Map.of("sub", "spiffe://acme.org/ns/ci/sa/deployer")), trust);
    }

    @Test
    void aPresetAndTheEquivalentGenericBindingAreTheSameModel() {
        OidcTrust preset = onlyBinding("{githubActions: {repository: acme/api, ref: refs/heads/main, audience: gatehouse}}");
        OidcTrust generic = onlyBinding("""
                {oidc: {issuer: "https://token.actions.githubusercontent.com", audiences: [gatehouse],
                  claims: {ref: {exact: refs/heads/main}, repository: {oneOf: [acme/api]}}}}
                """.replace("{oneOf: [acme/api]}", "acme/api"));

        assertEquals(preset, generic);
    }

    @Test
    void oneIdentityMayHaveSeveralBindingsOfSeveralForms() {
        List<OidcTrust> bindings = parse(identity("deploy-bot", """
                {githubActions: [{repository: acme/api}, {repository: acme/web}],
                 kubernetes: {issuer: "https://k8s.acme.example", namespace: ci, serviceAccount: deployer, audience: gatehouse}}
                """)).identities().get(0).oidcTrusts();

        assertEquals(3, bindings.size());
        assertEquals(List.of("https://k8s.acme.example", GITHUB, GITHUB),
                bindings.stream().map(OidcTrust::issuer).sorted().toList());
    }

    @Test
    void invalidMatchersAreReportedWithTheirPathAndHowToFixThem() {
        List<String> problems = problemsOf(identity("bot", """
                {oidc: {issuer: "https://ci.acme.example", audiences: [gatehouse], claims: {
                  sub: {regex: "repo:(acme"},
                  ref: {glob: "refs\\\\"},
                  env: {glob: x, regex: y},
                  team: {oneOf: []},
                  size: 1.5,
                  a//b: x,
                  c~2: x,
                  tier: {like: gold}}}}
                """));

        assertProblems(problems,
                "identities[0].trust.oidc.claims.sub.regex: not a valid Java regular expression: Unclosed group near index 10",
                "identities[0].trust.oidc.claims.ref.glob: ends with an unpaired '\\' (write '\\\\' for a backslash)",
                "identities[0].trust.oidc.claims.env: must be a value (exact match) or a mapping with exactly one of exact, glob, regex, oneOf, e.g. {glob: \"refs/heads/release/*\"}, was [glob, regex]",
                "identities[0].trust.oidc.claims.team.oneOf: must be a list of 1 to 100 values",
                "identities[0].trust.oidc.claims.size: must be a string, a boolean or an integer (quote it)",
                "identities[0].trust.oidc.claims.a//b: invalid claim name: empty nesting level: '/' separates nested claim names and must not start, end or repeat (write a '/' inside a claim name as ~1)",
                "identities[0].trust.oidc.claims.c~2: invalid claim name: '~' must be followed by 0 (for '~') or 1 (for '/')",
                "identities[0].trust.oidc.claims.tier: must be a value (exact match) or a mapping with exactly one of exact, glob, regex, oneOf, e.g. {glob: \"refs/heads/release/*\"}, was [like]");
    }

    @Test
    void overlongRegexIsRefused() {
        List<String> problems = problemsOf(identity("bot", "{oidc: {issuer: \"https://ci.acme.example\", audiences: [gatehouse],"
                + " claims: {sub: {regex: \"" + "a".repeat(501) + "\"}}}}"));

        assertProblems(problems, "identities[0].trust.oidc.claims.sub.regex: a regex may have at most 500 characters");
    }

    @Test
    void invalidPresetParametersAreReported() {
        List<String> problems = problemsOf(identity("bot", """
                {githubActions: [{repository: api, ref: main}, {ref: refs/heads/main, audience: gatehouse, flavour: x},
                                 {repository: {glob: "acme/*"}}],
                 gitlabCi: {project: acme/api, refType: merge_request},
                 kubernetes: {issuer: "https://k8s.acme.example", namespace: CI_Jobs, audience: gatehouse},
                 spiffe: {issuer: "https://oidc.acme.org", spiffeId: "spiffe://acme.org", audience: gatehouse}}
                """));

        assertProblems(problems,
                "identities[0].trust.githubActions[0].repository: must be owner/name, e.g. acme/api, was 'api'",
                "identities[0].trust.githubActions[0].ref: must be a full ref, e.g. refs/heads/main or refs/tags/v1, was 'main'",
                "identities[0].trust.githubActions[1].flavour: unknown key (allowed: repository, ref, workflowRef, environment, audience, issuer, claims, force)",
                "identities[0].trust.githubActions[1].repository: required",
                "identities[0].trust.githubActions[2].audience: required when repository is not a single repository (GitHub's default audience is the URL of the repository owner)",
                "identities[0].trust.gitlabCi.refType: unknown value 'merge_request' (allowed: branch, tag)",
                "identities[0].trust.gitlabCi.audience: required",
                "identities[0].trust.kubernetes.namespace: must be a namespace name (DNS label), e.g. ci, was 'CI_Jobs'",
                "identities[0].trust.kubernetes.serviceAccount: required",
                "identities[0].trust.spiffe.spiffeId: must be a SPIFFE ID of a workload, spiffe://<trust domain>/<path>, e.g. spiffe://acme.org/ns/ci/sa/deployer, was 'spiffe://acme.org'");
    }

    @Test
    void malformedTrustShapesAreReported() {
        String manyValues = "[" + String.join(", ", java.util.Collections.nCopies(101, "x")) + "]";
        List<String> problems = problemsOf(identity("a", "[oidc]")
                + identity("b", "{oidc: [], gitlabCi: {project: api, audience: gatehouse}}")
                + identity("c", "{githubActions: {repository: acme/api, force: yes-please}}")
                + identity("d", "{oidc: {issuer: \"ftp://ci.acme.example\", audiences: [gatehouse], claims: {sub: {oneOf: "
                        + manyValues + "}}}}")
                + identity("e", "{saml: {}}"));

        assertProblems(problems,
                "identities[0].trust: must be a mapping",
                "identities[1].trust.oidc: must not be empty",
                "identities[1].trust.gitlabCi.project: must be the project path, group[/subgroup...]/project, e.g. acme/api, was 'api'",
                "identities[2].trust.githubActions.force: must be true or false",
                "identities[3].trust.oidc.issuer: must be an absolute http(s) URL with a host and without credentials, query or fragment, was 'ftp://ci.acme.example'",
                "identities[3].trust.oidc.claims.sub.oneOf: must be a list of 1 to 100 values",
                "identities[4].trust.saml: unknown key (allowed: oidc, githubActions, gitlabCi, kubernetes, spiffe)",
                "identities[4].trust: must hold at least one binding: oidc, githubActions, gitlabCi, kubernetes, spiffe");
    }

    @Test
    void trustWithoutBindingsAndExtraClaimsThatRepeatAPresetParameterAreRefused() {
        List<String> problems = problemsOf(identity("bot", "{}") + identity("other", """
                {githubActions: {repository: acme/api, claims: {repository: acme/web}}}
                """));

        assertProblems(problems,
                "identities[0].trust: must hold at least one binding: oidc, githubActions, gitlabCi, kubernetes, spiffe",
                "identities[1].trust.githubActions.claims.repository: already constrained by a parameter of this preset; set it there");
    }

    @Test
    void bindingsThatPinNoWorkloadAreRefusedUnlessForced() {
        String unpinned = identity("wildcard", "{oidc: {issuer: \"https://a.example\", audiences: [gatehouse], claims: {sub: {glob: \"*\"}}}}")
                + identity("dot-plus", "{oidc: {issuer: \"https://b.example\", audiences: [gatehouse], claims: {sub: {regex: \".+\"}}}}")
                + identity("time-only", "{oidc: {issuer: \"https://c.example\", audiences: [gatehouse], claims: {iss: \"https://c.example\"}}}")
                + identity("any-repo", "{githubActions: {repository: {regex: \".*\"}, ref: refs/heads/main, audience: gatehouse}}");

        List<String> problems = problemsOf(unpinned);

        String genericHint = ": pins no workload: constrain sub or another claim that names the workload (e.g. repository: acme/api)"
                + " with a value, oneOf, or a glob/regex narrower than '*' or '.*' (a pattern that accepts anything, like '*', '.*'"
                + " or '.+', pins nothing); set force: true only if every token of this issuer and audience may act as this identity";
        assertProblems(problems,
                "identities[0].trust.oidc" + genericHint,
                "identities[1].trust.oidc" + genericHint,
                "identities[2].trust.oidc" + genericHint,
                "identities[3].trust.githubActions: pins no workload: repository must name a repository, or a pattern narrower than '*'"
                        + " (a pattern that accepts anything, like '*', '.*' or '.+', pins nothing); set force: true only if every"
                        + " token of this issuer and audience may act as this identity");

        PolicyModel forced = parse(unpinned.replace("audiences: [gatehouse]", "audiences: [gatehouse], force: true")
                .replace("audience: gatehouse", "audience: gatehouse, force: true"));
        assertTrue(forced.identities().stream().allMatch(identity -> identity.oidcTrusts().get(0).force()));
    }

    @Test
    void narrowPatternsPinAWorkload() {
        OidcTrust trust = onlyBinding("{oidc: {issuer: \"https://ci.acme.example\", audiences: [gatehouse],"
                + " claims: {sub: {glob: \"repo:acme/*:ref:refs/heads/main\"}}}}");

        assertEquals(new ClaimMatcher.Glob("repo:acme/*:ref:refs/heads/main"), trust.claims().get("sub"));
    }

    @Test
    void bindingsThatAcceptTheSameTokenAreRefusedNamingBoth() {
        List<String> problems = problemsOf(identity("api-deploy", "{githubActions: {repository: acme/api}}")
                + identity("api-any-ref", "{githubActions: {repository: acme/api, ref: refs/heads/main}}")
                + identity("acme-all", "{githubActions: {repository: {glob: \"acme/*\"}, audience: \"https://github.com/acme\"}}"));

        assertProblems(problems,
                "identities[1].trust.githubActions: accepts the same tokens as identities[0].trust.githubActions of identity 'api-deploy' (issuer"
                        + " https://token.actions.githubusercontent.com, audience https://github.com/acme, claim 'repository' can"
                        + " have a value both accept); a token must lead to exactly one identity: make a claim that both"
                        + " constrain differ (e.g. another repository, ref or sub), or merge the bindings",
                "identities[2].trust.githubActions: accepts the same tokens as identities[0].trust.githubActions of identity 'api-deploy' (issuer"
                        + " https://token.actions.githubusercontent.com, audience https://github.com/acme, claim 'repository' can"
                        + " have a value both accept); a token must lead to exactly one identity: make a claim that both"
                        + " constrain differ (e.g. another repository, ref or sub), or merge the bindings",
                "identities[2].trust.githubActions: accepts the same tokens as identities[1].trust.githubActions of identity 'api-any-ref' (issuer"
                        + " https://token.actions.githubusercontent.com, audience https://github.com/acme, claim 'repository' can"
                        + " have a value both accept); a token must lead to exactly one identity: make a claim that both"
                        + " constrain differ (e.g. another repository, ref or sub), or merge the bindings");
    }

    @Test
    void overlapsAcrossFormsAndWithinOneIdentityAreRefused() {
        List<String> problems = problemsOf(identity("deployer", """
                {kubernetes: {issuer: "https://k8s.acme.example", namespace: ci, serviceAccount: deployer, audience: gatehouse},
                 oidc: {issuer: "https://k8s.acme.example", audiences: [gatehouse, other], claims: {sub: {glob: "system:serviceaccount:ci:*"}}}}
                """));

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("identities[0].trust.kubernetes: accepts the same tokens as identities[0].trust.oidc"
                + " of identity 'deployer' (issuer https://k8s.acme.example, audience gatehouse, claim 'sub' can have a value both accept)"), problems::toString);
    }

    @Test
    void bindingsToldApartByIssuerAudienceOrAClaimBothConstrainAreAccepted() {
        PolicyModel model = parse(identity("api-main", "{githubActions: {repository: acme/api, ref: refs/heads/main}}")
                + identity("api-tags", "{githubActions: {repository: acme/api, ref: {glob: \"refs/tags/*\"}}}")
                + identity("api-release", "{githubActions: {repository: acme/api, ref: {glob: \"refs/heads/release/*\"}}}")
                + identity("web", "{githubActions: {repository: acme/web}}")
                + identity("api-other-audience", "{githubActions: {repository: acme/api, audience: gatehouse}}")
                + identity("gitlab-api", "{gitlabCi: {project: acme/api, audience: gatehouse}}")
                + identity("regex-vs-exact", "{oidc: {issuer: \"https://ci.acme.example\", audiences: [gatehouse],"
                        + " claims: {sub: {regex: \"job-[0-9]+\"}}}}")
                + identity("exact-outside-regex", "{oidc: {issuer: \"https://ci.acme.example\", audiences: [gatehouse],"
                        + " claims: {sub: job-main}}}"));

        assertEquals(8, model.identities().size());
    }

    @Test
    void anUndecidableOverlapIsRefusedUnlessOneBindingIsForced() {
        String regexAndGlob = identity("numbered", "{oidc: {issuer: \"https://ci.acme.example\", audiences: [gatehouse],"
                + " claims: {sub: {regex: \"job-[0-9]+\"}}}}")
                + identity("lettered", "{oidc: {issuer: \"https://ci.acme.example\", audiences: [gatehouse],"
                + " claims: {sub: {glob: \"job-x*\"}}}}");

        assertProblems(problemsOf(regexAndGlob),
                "identities[1].trust.oidc: may accept the same tokens as identities[0].trust.oidc of identity 'numbered' (issuer https://ci.acme.example,"
                        + " audience gatehouse; cannot prove that claim 'sub' (glob 'job-x*' against regex 'job-[0-9]+') never match"
                        + " the same value); constrain a shared claim with exact values or oneOf in one of them, or set force: true"
                        + " on one if you know they never match the same token");
        assertEquals(2, parse(regexAndGlob.replace("{glob: \"job-x*\"}}}", "{glob: \"job-x*\"}}, force: true}")).identities().size());
    }

    @Test
    void forceDoesNotAllowAProvenOverlap() {
        List<String> problems = problemsOf(identity("one", "{githubActions: {repository: acme/api, force: true}}")
                + identity("two", "{githubActions: {repository: acme/api, force: true}}"));

        assertEquals(1, problems.size(), problems::toString);
        assertTrue(problems.get(0).startsWith("identities[1].trust.githubActions: accepts the same tokens as identities[0]"));
    }

    private OidcTrust onlyBinding(String trust) {
        List<OidcTrust> bindings = parse(identity("bot", trust)).identities().get(0).oidcTrusts();
        assertEquals(1, bindings.size());
        return bindings.get(0);
    }

    private PolicyModel parse(String identities) {
        return loader.parse("identities:\n" + identities, "trust.yaml");
    }

    private List<String> problemsOf(String identities) {
        return assertThrows(InvalidDeclarativeConfigException.class,
                () -> loader.parse("identities:\n" + identities, "trust.yaml")).problems();
    }

    /** One identity list item whose {@code trust:} is the given YAML (flow style, may span lines). */
    static String identity(String name, String trust) {
        String indentedTrust = trust.strip().lines().collect(Collectors.joining("\n      "));
        return """
                  - name: %s
                    kind: ci-job
                    owner: {team: platform, contact: platform@acme.example}
                    purpose: Tests trust bindings
                    expires: 2027-06-30T00:00:00Z
                    trust: %s
                """.formatted(name, indentedTrust);
    }

    private static void assertProblems(List<String> actual, String... expected) {
        assertEquals(Stream.of(expected).sorted().toList(), actual.stream().sorted().toList());
    }
}
