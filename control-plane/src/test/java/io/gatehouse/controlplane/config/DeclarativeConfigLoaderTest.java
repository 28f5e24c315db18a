package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.IdentityKind;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.InjectionStyle;
import io.gatehouse.controlplane.domain.OidcTrust;
import io.gatehouse.controlplane.domain.PolicyModel;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DeclarativeConfigLoaderTest {

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void parsesTheDocumentedExample() {
        PolicyModel model = loader.parse(TestConfigs.EXAMPLE, "example.yaml");

        assertEquals(1, model.identities().size());
        var identity = model.identities().get(0);
        assertEquals("deploy-bot", identity.name());
        assertEquals(IdentityKind.CI_JOB, identity.kind());
        assertEquals("platform", identity.ownerTeam());
        assertEquals(Instant.parse("2027-06-30T00:00:00Z"), identity.expiresAt());
        assertEquals(IdentityStatus.ACTIVE, identity.status());
        assertEquals(OidcTrust.exact("http://127.0.0.1:8090/ci", List.of("gatehouse"),
                Map.of("repository", "acme/deploy", "ref", "refs/heads/main")), identity.oidcTrusts().get(0));

        var resource = model.resources().get(0);
        assertEquals("/demo", resource.pathPrefix());
        assertEquals(InjectionStyle.BEARER, resource.injection().style());
        assertEquals(List.of("ssn"), resource.maskedFields());
        assertEquals(Duration.ofSeconds(10), resource.upstreamTimeout());

        assertEquals(2, model.grants().size());
        var approvalGrant = model.grants().stream().filter(grant -> grant.methods().contains("POST")).findFirst().orElseThrow();
        assertEquals("payments-approvers", approvalGrant.approval().approverGroup());
        assertEquals(1, approvalGrant.approval().quorum());
    }

    @Test
    void emptyDocumentIsAnEmptyModel() {
        assertEquals(PolicyModel.EMPTY, loader.parse("# nothing declared yet\n", "empty.yaml"));
    }

    @Test
    void missingRequiredFieldsAreAllReportedWithTheirPath() {
        List<String> problems = problemsOf("""
                identities:
                  - name: deploy-bot
                    kind: ci-job
                    owner: {team: platform}
                """);

        assertProblems(problems, 
                "identities[0].owner.contact: required",
                "identities[0].purpose: required",
                "identities[0].expires: required");
    }

    @Test
    void unknownReferencesInGrantsAreRefused() {
        List<String> problems = problemsOf(TestConfigs.EXAMPLE + """
                  - identity: nobody
                    resource: x
                    methods: [GET]
                    paths: ["/"]
                """);

        assertProblems(problems, 
                "grants[2].identity: unknown identity 'nobody'",
                "grants[2].resource: unknown resource 'x'");
    }

    @Test
    void duplicateNamesAndPathPrefixesAreRefused() {
        List<String> problems = problemsOf("""
                resources:
                  - name: demo
                    pathPrefix: /demo
                    upstream: http://127.0.0.1:8091
                    credential: {injection: bearer}
                  - name: demo
                    pathPrefix: /demo
                    upstream: http://127.0.0.1:8092
                    credential: {injection: bearer}
                """);

        assertProblems(problems, 
                "resources[1].name: duplicate resource name 'demo'",
                "resources[1].pathPrefix: duplicate route '/demo' (also used by resources[0])");
    }

    @Test
    void badUrlsBadValuesAndUnknownKeysAreRefused() {
        List<String> problems = problemsOf("""
                resources:
                  - name: demo
                    pathPrefix: demo/
                    upstream: ftp://user:secret@example.com/x
                    credential: {injection: header}
                    timeout: soon
                    retries: 3
                """);

        assertProblems(problems, 
                "resources[0].retries: unknown key (allowed: name, host, pathPrefix, upstream, credential, masking, timeout, recording, identityAssertion)",
                "resources[0].pathPrefix: must be an absolute path of plain segments without trailing '/', e.g. /payments ('/' only together with a host), was 'demo/'",
                "resources[0].upstream: must be an absolute http(s) URL with a host and without credentials, query or fragment, was 'ftp://user:secret@example.com/x'",
                "resources[0].credential.header: required",
                "resources[0].timeout: must be a positive duration like 500ms, 10s, 2m, 1h or PT10S, was 'soon'");
    }

    @Test
    void oidcBindingWithoutClaimConstraintIsRefused() {
        List<String> problems = problemsOf("""
                identities:
                  - name: deploy-bot
                    kind: robot
                    owner: {team: platform, contact: platform@acme.example}
                    purpose: Deploys
                    expires: 2027-06-30
                    trust:
                      oidc:
                        issuer: http://127.0.0.1:8090/ci
                        audiences: [gatehouse]
                        claims: {}
                """);

        assertProblems(problems, 
                "identities[0].kind: unknown value 'robot' (allowed: ci-job, service, cron, agent, other)",
                "identities[0].expires: must be an ISO-8601 date-time with offset, e.g. 2027-06-30T00:00:00Z, was '2027-06-30'",
                "identities[0].trust.oidc.claims: at least one claim constraint is required (a binding without claims would trust every token of the issuer)");
    }

    @Test
    void approvalRequirementIsChecked() {
        List<String> problems = problemsOf(TestConfigs.EXAMPLE.replace(
                "approval: {required: true, approverGroup: payments-approvers, quorum: 1}",
                "approval: {required: yes-please, quorum: 0}"));

        assertProblems(problems, "grants[1].approval.required: must be true or false");
    }

    @Test
    void grantApprovalSettingsAreParsed() {
        PolicyModel model = loader.parse(TestConfigs.EXAMPLE.replace(
                "approval: {required: true, approverGroup: payments-approvers, quorum: 1}",
                "approval: {required: true, approverGroup: payments-approvers, quorum: 2, holdTime: 20s, validity: 30m,"
                        + " ownerTeamMayApprove: true, breakGlass: true}"), "settings.yaml");

        var approval = model.grants().stream().filter(grant -> grant.methods().contains("POST")).findFirst()
                .orElseThrow().approval();
        assertEquals(2, approval.quorum());
        assertEquals(Duration.ofSeconds(20), approval.holdTime());
        assertEquals(Duration.ofMinutes(30), approval.validity());
        assertTrue(approval.ownerTeamMayApprove());
        assertTrue(approval.breakGlass());
    }

    @Test
    void grantApprovalSettingsDefaultToTheDataPlaneAndToOff() {
        var approval = loader.parse(TestConfigs.EXAMPLE, "example.yaml").grants().stream()
                .filter(grant -> grant.methods().contains("POST")).findFirst().orElseThrow().approval();

        assertTrue(approval.hold().isEmpty());
        assertTrue(approval.validityWindow().isEmpty());
        assertFalse(approval.ownerTeamMayApprove());
        assertFalse(approval.breakGlass());
    }

    @Test
    void invalidGrantApprovalSettingsAreReported() {
        List<String> problems = problemsOf(TestConfigs.EXAMPLE.replace(
                "approval: {required: true, approverGroup: payments-approvers, quorum: 1}",
                "approval: {required: true, approverGroup: payments-approvers, holdTime: soon, validity: 0s,"
                        + " ownerTeamMayApprove: maybe, breakGlass: 1}"));

        assertProblems(problems,
                "grants[1].approval.holdTime: must be a positive duration like 500ms, 10s, 2m, 1h or PT10S, was 'soon'",
                "grants[1].approval.validity: must be a positive duration like 500ms, 10s, 2m, 1h or PT10S, was '0s'",
                "grants[1].approval.ownerTeamMayApprove: must be true or false",
                "grants[1].approval.breakGlass: must be true or false");
    }

    @Test
    void holdTimeLongerThanValidityAndSettingsWithoutApprovalAreRefused() {
        assertProblems(problemsOf(TestConfigs.EXAMPLE.replace(
                        "approval: {required: true, approverGroup: payments-approvers, quorum: 1}",
                        "approval: {required: true, approverGroup: payments-approvers, holdTime: 10m, validity: 5m}")),
                "grants[1].approval.holdTime: must not be longer than validity (PT5M)");
        assertProblems(problemsOf(TestConfigs.EXAMPLE.replace(
                        "approval: {required: true, approverGroup: payments-approvers, quorum: 1}",
                        "approval: {required: false, breakGlass: true}")),
                "grants[1].approval.required: is false, so no other approval setting may be set");
    }

    @Test
    void messageTellsTheOperatorWhatToFix() {
        InvalidDeclarativeConfigException failure = assertThrows(InvalidDeclarativeConfigException.class,
                () -> loader.parse("identities: {}\nextra: 1\n", "/etc/gatehouse/config.yaml"));

        assertTrue(failure.getMessage().startsWith(
                "Declarative config /etc/gatehouse/config.yaml is invalid (2 problems); fix the file and restart"),
                failure.getMessage());
        assertTrue(failure.getMessage().contains("  - extra: unknown key (allowed: teams, identities, resources, grants)"), failure.getMessage());
        assertTrue(failure.getMessage().contains("  - identities: must be a list"), failure.getMessage());
    }

    @Test
    void yamlSyntaxErrorsAndUnreadableFilesAreReported() {
        InvalidDeclarativeConfigException syntax = assertThrows(InvalidDeclarativeConfigException.class,
                () -> loader.parse("identities: [\n", "broken.yaml"));
        assertTrue(syntax.getMessage().contains("not valid YAML"), syntax.getMessage());

        Path missing = Path.of("does-not-exist-" + System.nanoTime() + ".yaml");
        assertFalse(Files.exists(missing));
        InvalidDeclarativeConfigException unreadable = assertThrows(InvalidDeclarativeConfigException.class,
                () -> loader.load(missing));
        assertTrue(unreadable.getMessage().contains("cannot read the file"), unreadable.getMessage());
    }

    private static void assertProblems(List<String> actual, String... expected) {
        assertEquals(Stream.of(expected).sorted().toList(), actual.stream().sorted().toList());
    }

    private List<String> problemsOf(String yaml) {
        return assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse(yaml, "test.yaml")).problems();
    }
}
