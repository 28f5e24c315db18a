package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.gatehouse.dataplane.snapshot.InvalidSnapshotException;
import io.gatehouse.dataplane.snapshot.SnapshotMapper;
import io.gatehouse.proto.config.v1.ClaimMatcher;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.Identity;
import io.gatehouse.proto.config.v1.IdentityStatus;
import io.gatehouse.proto.config.v1.OidcTrustBinding;
import io.gatehouse.proto.config.v1.OneOfValues;
import org.jose4j.jwt.JwtClaims;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tokens shaped like those of GitHub Actions, GitLab CI, Kubernetes and SPIFFE against compiled trust bindings. */
class IdentityResolverTest {

    private static final String GITHUB = "https://token.actions.githubusercontent.com";
    private static final String GITLAB = "https://gitlab.com";
    private static final String KUBERNETES = "https://k8s.acme.example";
    private static final String SPIFFE = "https://oidc.acme.org";
    private static final String CI = "https://ci.acme.example";

    private static final PolicySnapshot POLICY = policy(
            identity("api-main", binding(GITHUB, "https://github.com/acme",
                    exact("repository", "acme/api"), exact("ref", "refs/heads/main"), exact("environment", "prod"))),
            identity("api-release", binding(GITHUB, "https://github.com/acme",
                    exact("repository", "acme/api"), glob("ref", "refs/heads/release/*"))),
            identity("gitlab-api", binding(GITLAB, "gatehouse",
                    exact("project_path", "acme/platform/api"), exact("ref", "main"), exact("ref_type", "branch"))),
            identity("k8s-deployer", binding(KUBERNETES, "gatehouse",
                    exact("sub", "system:serviceaccount:ci:deployer"), exact("kubernetes.io/namespace", "ci"),
                    exact("kubernetes.io/serviceaccount/name", "deployer"))),
            identity("spiffe-deployer", binding(SPIFFE, "gatehouse", exact("sub", "spiffe://acme.org/ns/ci/sa/deployer"))),
            identity("main-only", binding(CI, "gatehouse", regex("branch", "main"), oneOf("groups", "payments", "billing"))),
            identity("typed", binding(CI, "typed", exact("run_attempt", "2"), exact("protected", "true"), exact("sub", "job"))));

    @Test
    void githubActionsTokenOfTheBoundRepositoryAndBranchResolves() {
        assertEquals("api-main", resolve(GITHUB, "https://github.com/acme", """
                {"sub": "repo:acme/api:environment:prod", "repository": "acme/api", "repository_owner": "acme",
                 "ref": "refs/heads/main", "ref_type": "branch", "environment": "prod", "run_attempt": "1",
                 "workflow_ref": "acme/api/.github/workflows/deploy.yml@refs/heads/main"}
                """));
        assertEquals("api-release", resolve(GITHUB, "https://github.com/acme", """
                {"repository": "acme/api", "ref": "refs/heads/release/2026.11"}
                """));
    }

    @Test
    void githubActionsTokenOfAnotherBranchRepositoryOrEnvironmentIsRefused() {
        assertRefused(GITHUB, "https://github.com/acme", """
                {"repository": "acme/api", "ref": "refs/heads/feature", "environment": "prod"}
                """);
        assertRefused(GITHUB, "https://github.com/acme", """
                {"repository": "acme/api-fork", "ref": "refs/heads/main", "environment": "prod"}
                """);
        assertRefused(GITHUB, "https://github.com/acme", """
                {"repository": "acme/api", "ref": "refs/heads/main", "environment": "staging"}
                """);
        assertRefused(GITHUB, "https://github.com/acme", """
                {"repository": "acme/api", "ref": "refs/tags/release/1"}
                """);
    }

    @Test
    void gitlabCiTokenResolvesOnlyForTheBranchRefType() {
        String claims = """
                {"namespace_path": "acme/platform", "project_path": "acme/platform/api", "ref": "main",
                 "ref_type": "%s", "ref_protected": "true", "pipeline_source": "push"}
                """;
        assertEquals("gitlab-api", resolve(GITLAB, "gatehouse", claims.formatted("branch")));
        assertRefused(GITLAB, "gatehouse", claims.formatted("tag"));
    }

    @Test
    void kubernetesProjectedServiceAccountTokenMatchesNestedClaims() {
        String token = """
                {"sub": "system:serviceaccount:%s:deployer",
                 "kubernetes.io": {"namespace": "%s",
                                   "pod": {"name": "deployer-7d9f", "uid": "0c1e5b32-1d4a-4b8e-9f0a-7b7f4c1a2d3e"},
                                   "serviceaccount": {"name": "deployer", "uid": "5f0e2a44-9f3b-4c1e-8d2a-1b3c4d5e6f70"},
                                   "warnafter": 1764417600}}
                """;
        assertEquals("k8s-deployer", resolve(KUBERNETES, "gatehouse", token.formatted("ci", "ci")));
        assertRefused(KUBERNETES, "gatehouse", token.formatted("ci", "prod"));
        assertRefused(KUBERNETES, "gatehouse", token.formatted("prod", "ci"));
    }

    @Test
    void aFlatClaimNamedLikeANestedPathDoesNotSatisfyIt() {
        assertRefused(KUBERNETES, "gatehouse", """
                {"sub": "system:serviceaccount:ci:deployer", "kubernetes.io/namespace": "ci",
                 "kubernetes.io/serviceaccount/name": "deployer"}
                """);
    }

    @Test
    void spiffeJwtSvidResolvesByItsSpiffeId() {
        assertEquals("spiffe-deployer", resolve(SPIFFE, "gatehouse", """
                {"sub": "spiffe://acme.org/ns/ci/sa/deployer"}
                """));
        assertRefused(SPIFFE, "gatehouse", """
                {"sub": "spiffe://acme.org/ns/ci/sa/deployer/extra"}
                """);
    }

    @Test
    void regexMustMatchTheWholeValue() {
        assertEquals("main-only", resolve(CI, "gatehouse", """
                {"branch": "main", "groups": ["readers", "payments"]}
                """));
        assertRefused(CI, "gatehouse", """
                {"branch": "main-evil", "groups": ["payments"]}
                """);
        assertRefused(CI, "gatehouse", """
                {"branch": "evil-main", "groups": ["payments"]}
                """);
    }

    @Test
    void listClaimsMatchByAnyElementAndObjectsOrMissingClaimsNever() {
        assertEquals("main-only", resolve(CI, "gatehouse", """
                {"branch": "main", "groups": "billing"}
                """));
        assertRefused(CI, "gatehouse", """
                {"branch": "main", "groups": ["readers", "admins"]}
                """);
        assertRefused(CI, "gatehouse", """
                {"branch": "main", "groups": {"payments": true}}
                """);
        assertRefused(CI, "gatehouse", """
                {"branch": "main"}
                """);
    }

    @Test
    void numbersAndBooleansAreComparedByTheirJsonText() {
        assertEquals("typed", resolve(CI, "typed", """
                {"run_attempt": 2, "protected": true, "sub": "job"}
                """));
        assertRefused(CI, "typed", """
                {"run_attempt": 3, "protected": true, "sub": "job"}
                """);
    }

    @Test
    void anotherAudienceOrAnUnboundIssuerIsRefused() {
        assertRefused(SPIFFE, "someone-else", """
                {"sub": "spiffe://acme.org/ns/ci/sa/deployer"}
                """);
        assertRefused("https://evil.example", "gatehouse", """
                {"sub": "spiffe://acme.org/ns/ci/sa/deployer"}
                """);
    }

    @Test
    void aTokenMatchingTwoIdentitiesIsRefused() {
        PolicySnapshot ambiguous = policy(
                identity("one", binding(CI, "gatehouse", glob("sub", "job-*"))),
                identity("two", binding(CI, "gatehouse", regex("sub", "job-[0-9]+"))));

        AuthenticationException refused = assertThrows(AuthenticationException.class,
                () -> IdentityResolver.resolve(token(CI, "gatehouse", "{\"sub\": \"job-42\"}"), ambiguous));
        assertTrue(refused.getMessage().contains("more than one identity"), refused.getMessage());
        assertEquals("one", IdentityResolver.resolve(token(CI, "gatehouse", "{\"sub\": \"job-x\"}"), ambiguous).name());
    }

    @Test
    void exactTopLevelClaimsOfASnapshotStoredBeforeMatchersStillConstrainTheBinding() {
        @SuppressWarnings("deprecation")
        OidcTrustBinding legacy = OidcTrustBinding.newBuilder().setIssuer(CI).addAudiences("gatehouse")
                .putRequiredClaims("repository", "acme/api").build();
        PolicySnapshot policy = policy(identity("legacy", legacy));

        assertEquals("legacy", IdentityResolver.resolve(token(CI, "gatehouse", "{\"repository\": \"acme/api\"}"), policy).name());
        assertThrows(AuthenticationException.class,
                () -> IdentityResolver.resolve(token(CI, "gatehouse", "{\"repository\": \"acme/web\"}"), policy));
    }

    @Test
    void aBindingThatCannotBeEnforcedRejectsTheSnapshot() {
        assertRejected(binding(CI, "gatehouse"), "without claim constraints");
        assertRejected(binding(CI, "gatehouse", regex("sub", "job-(")), "claim 'sub' has an invalid regex");
        assertRejected(binding(CI, "gatehouse", ClaimMatcher.newBuilder().setExact("x").build()), "without a claim name");
        assertRejected(binding(CI, "gatehouse", ClaimMatcher.newBuilder().addPath("sub").build()), "does not know");
        assertRejected(binding(CI, "gatehouse", glob("sub", "job\\")), "unpaired");
    }

    private static void assertRejected(OidcTrustBinding binding, String reason) {
        InvalidSnapshotException rejected = assertThrows(InvalidSnapshotException.class, () -> policy(identity("bad", binding)));
        assertTrue(rejected.getMessage().contains(reason), rejected.getMessage());
    }

    private static String resolve(String issuer, String audience, String claims) {
        return IdentityResolver.resolve(token(issuer, audience, claims), POLICY).name();
    }

    private static void assertRefused(String issuer, String audience, String claims) {
        assertThrows(AuthenticationException.class, () -> IdentityResolver.resolve(token(issuer, audience, claims), POLICY),
                claims);
    }

    /** The claims as the token verifier hands them over (jose4j's parse: nested maps, lists, longs, booleans). */
    private static VerifiedToken token(String issuer, String audience, String claimsJson) {
        try {
            return new VerifiedToken(issuer, Set.of(audience), JwtClaims.parse(claimsJson).getClaimsMap(),
                    Instant.now().plusSeconds(300));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static PolicySnapshot policy(Identity... identities) {
        return SnapshotMapper.toPolicy(ConfigSnapshot.newBuilder().setVersion("v1").addAllIdentities(List.of(identities)).build(),
                new MaskingRuleCompiler(Optional.empty()));
    }

    private static Identity identity(String name, OidcTrustBinding binding) {
        return Identity.newBuilder().setName(name).setStatus(IdentityStatus.IDENTITY_STATUS_ACTIVE).addOidcBindings(binding).build();
    }

    private static OidcTrustBinding binding(String issuer, String audience, ClaimMatcher... claims) {
        return OidcTrustBinding.newBuilder().setIssuer(issuer).addAudiences(audience).addAllClaims(List.of(claims)).build();
    }

    private static ClaimMatcher.Builder claim(String path) {
        return ClaimMatcher.newBuilder().addAllPath(List.of(path.split("/")));
    }

    private static ClaimMatcher exact(String path, String value) {
        return claim(path).setExact(value).build();
    }

    private static ClaimMatcher glob(String path, String glob) {
        return claim(path).setGlob(glob).build();
    }

    private static ClaimMatcher regex(String path, String regex) {
        return claim(path).setRegex(regex).build();
    }

    private static ClaimMatcher oneOf(String path, String... values) {
        return claim(path).setOneOf(OneOfValues.newBuilder().addAllValues(List.of(values))).build();
    }
}
