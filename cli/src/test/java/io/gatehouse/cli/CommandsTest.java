package io.gatehouse.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Argument parsing and the requests each command makes, against a stub of the services. */
class CommandsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DEPLOY_BOT = """
            {"name":"deploy-bot","kind":"ci-job","owner":{"team":"platform","contact":"p@acme.example"},
             "status":"ACTIVE","expiresAt":"2027-06-30T00:00:00Z","lastUsedAt":null}""";

    private final StubServer stub;

    @TempDir
    Path dir;

    CommandsTest() throws IOException {
        stub = new StubServer();
    }

    @AfterEach
    void stop() {
        stub.close();
    }

    @Test
    void identitiesListPassesTheFiltersAndFollowsTheCursorThroughEveryPage() throws Exception {
        stub.on("GET /api/v1/identities?team=platform&kind=ci-job", 200, "[" + DEPLOY_BOT + "]",
                Map.of("X-Gatehouse-Next-Cursor", "deploy-bot"));
        stub.on("GET /api/v1/identities?team=platform&kind=ci-job&cursor=deploy-bot", 200,
                "[{\"name\":\"nightly\",\"kind\":\"ci-job\",\"owner\":{\"team\":\"platform\"},\"status\":\"SUSPENDED\"}]");
        CliRun run = CliRun.against(stub, "identities", "list", "--team", "platform", "--kind", "ci-job", "--output", "json");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(List.of("deploy-bot", "nightly"), JSON.readTree(run.out()).findValuesAsText("name"));
    }

    @Test
    void globalOptionsWorkBeforeAndAfterTheSubcommand() {
        stub.on("GET /api/v1/identities/deploy-bot", 200, DEPLOY_BOT);
        CliRun before = CliRun.against(stub, "--output", "yaml", "identities", "show", "deploy-bot");
        CliRun after = CliRun.against(stub, "identities", "show", "deploy-bot", "--output", "yaml");
        assertEquals(0, before.exitCode(), before::toString);
        assertTrue(before.out().contains("name: deploy-bot\n"), before::toString);
        assertEquals(before.out(), after.out());
    }

    @Test
    void theControlPlaneOptionOverridesTheEnvironment() throws IOException {
        try (StubServer other = new StubServer()) {
            other.on("GET /api/v1/resources", 200, "[]");
            CliRun run = CliRun.against(stub, "resources", "list", "--control-plane", other.url() + "/");
            assertEquals(0, run.exitCode(), run::toString);
            assertEquals(1, other.received().size());
            assertTrue(stub.received().isEmpty());
        }
    }

    @Test
    void teamsListShowsOwnerGroupsAndTheDefaultApproverGroup() {
        stub.on("GET /api/v1/teams", 200, """
                [{"name":"platform","contact":"sre@acme.example","ownerGroups":["platform-sre"],
                  "approverGroup":"platform-approvers"}]""");
        CliRun run = CliRun.against(stub, "teams", "list");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("NAME"), run::toString);
        assertTrue(run.out().contains("platform-sre") && run.out().contains("platform-approvers"), run::toString);
    }

    @Test
    void anUnknownIdentityIsExitFourWithTheServersDetail() {
        stub.on("GET /api/v1/identities/ghost", 404, "{\"status\":404,\"detail\":\"identity 'ghost' does not exist\"}");
        CliRun run = CliRun.against(stub, "identities", "show", "ghost");
        assertEquals(4, run.exitCode(), run::toString);
        assertEquals("error: identity 'ghost' does not exist\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void namesAreEncodedAsOnePathSegment() {
        stub.on("GET /api/v1/identities/a%2Fb%20c", 200, DEPLOY_BOT);
        CliRun run = CliRun.against(stub, "identities", "show", "a/b c");
        assertEquals(0, run.exitCode(), run::toString);
    }

    @Test
    void applyReplacesAnExistingIdentityWithTheETagOfTheGetBeforeIt() throws Exception {
        Path file = write("identity.yaml", "name: deploy-bot\nkind: ci-job\n");
        stub.on("GET /api/v1/identities/deploy-bot", 200, DEPLOY_BOT, Map.of("ETag", "\"v1\""));
        stub.on("PUT /api/v1/identities/deploy-bot", 200, DEPLOY_BOT);
        CliRun run = CliRun.against(stub, "identities", "apply", "-f", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("identity deploy-bot replaced\n", run.out());
        StubServer.Received put = stub.only("PUT");
        assertEquals("\"v1\"", put.header("If-Match"));
        assertEquals("application/yaml", put.header("Content-Type"));
        assertEquals("name: deploy-bot\nkind: ci-job\n", put.body());
    }

    @Test
    void applyCreatesAMissingIdentityOnlyIfItIsStillMissing() throws Exception {
        Path file = write("identity.json", "{\"name\": \"new-bot\"}");
        stub.on("GET /api/v1/identities/new-bot", 404, "{\"detail\":\"identity 'new-bot' does not exist\"}");
        stub.on("PUT /api/v1/identities/new-bot", 201, "{\"name\":\"new-bot\"}");
        CliRun run = CliRun.against(stub, "identities", "apply", "-f", file.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("identity new-bot created\n", run.out());
        assertEquals("*", stub.only("PUT").header("If-None-Match"));
        assertEquals("application/json", stub.only("PUT").header("Content-Type"));
    }

    @Test
    void aStaleETagIsExitFive() throws Exception {
        Path file = write("identity.yaml", "name: deploy-bot\n");
        stub.on("GET /api/v1/identities/deploy-bot", 200, DEPLOY_BOT, Map.of("ETag", "\"v1\""));
        stub.on("PUT /api/v1/identities/deploy-bot", 412, "{\"detail\":\"identity deploy-bot changed meanwhile: read it again\"}");
        CliRun run = CliRun.against(stub, "identities", "apply", "-f", file.toString());
        assertEquals(5, run.exitCode(), run::toString);
        assertEquals("error: identity deploy-bot changed meanwhile: read it again\n", run.err());
    }

    @Test
    void applyWithoutANameInTheFileIsAUsageErrorAndSendsNothing() throws Exception {
        Path file = write("identity.yaml", "kind: ci-job\n");
        CliRun run = CliRun.against(stub, "identities", "apply", "-f", file.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains(file + ": name: required"), run::toString);
        assertTrue(stub.received().isEmpty());
    }

    @Test
    void validationProblemsArePrintedOnePerLineWithExitTwo() throws Exception {
        Path file = write("grant.yaml", "identity: deploy-bot\n");
        stub.on("POST /api/v1/grants", 422, """
                {"status":422,"detail":"2 problems","errors":[{"path":"resource","message":"required"},
                 {"path":"methods","message":"required"}]}""");
        CliRun run = CliRun.against(stub, "grants", "create", "-f", file.toString());
        assertEquals(2, run.exitCode(), run::toString);
        assertEquals("error: 2 problems\n  resource: required\n  methods: required\n", run.err());
    }

    @Test
    void suspendSendsTheReason() throws Exception {
        stub.on("POST /api/v1/identities/deploy-bot/suspend", 200, DEPLOY_BOT);
        CliRun run = CliRun.against(stub, "identities", "suspend", "deploy-bot", "--reason", "key leaked");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("identity deploy-bot suspended\n", run.out());
        assertEquals("key leaked", JSON.readTree(stub.only("POST").body()).path("reason").asText());
    }

    @Test
    void lifecycleActionsPassesTheFiltersAndListsEveryPage() throws Exception {
        stub.on("GET /api/v1/lifecycle/actions?identity=nightly&action=suspended", 200, """
                [{"id":7,"identity":"nightly","action":"suspended","reason":"unused for 31 days","takenAt":"2026-11-01T00:00:00Z"}]""",
                Map.of("X-Gatehouse-Next-Cursor", "7"));
        stub.on("GET /api/v1/lifecycle/actions?identity=nightly&action=suspended&cursor=7", 200, "[]");
        CliRun run = CliRun.against(stub, "lifecycle", "actions", "--identity", "nightly", "--action", "suspended");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().contains("unused for 31 days"), run::toString);
    }

    @Test
    void lifecycleUndoSendsTheReasonAndRequiresOne() throws Exception {
        stub.on("POST /api/v1/lifecycle/actions/7/undo", 200, """
                {"id":7,"identity":"nightly","action":"suspended","undoneBy":"ada"}""");
        CliRun run = CliRun.against(stub, "lifecycle", "undo", "7", "--reason", "runs monthly");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("lifecycle action 7 (suspended of nightly) undone\n", run.out());
        assertEquals("runs monthly", JSON.readTree(stub.only("POST").body()).path("reason").asText());
        assertEquals(2, CliRun.against(stub, "lifecycle", "undo", "7").exitCode(), "no reason: usage error");
    }

    @Test
    void lifecycleSweepSaysWhatItDid() {
        stub.on("POST /api/v1/lifecycle/sweep", 200, """
                {"actions":[{"id":8,"identity":"nightly","action":"revoked"}],"clientSecretsRevoked":[]}""");
        CliRun run = CliRun.against(stub, "lifecycle", "sweep");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("1 action(s) taken, 0 client secret(s) revoked\n", run.out());
    }

    @Test
    void configDiffPrintsOneLinePerChangeAndWithExitCodeSignalsThem() throws Exception {
        Path file = write("policy.yaml", "identities: []\n");
        stub.on("POST /api/v1/config/apply?dryRun=true&prune=true", 200, """
                {"changes":[{"action":"ADDED","kind":"identity","key":"x","summary":"ci-job owned by p"},
                 {"action":"CHANGED","kind":"grant","key":"abc","summary":"x on demo: GET /a"},
                 {"action":"REMOVED","kind":"resource","key":"y","summary":"/y -> http://y"}]}""");
        CliRun plain = CliRun.against(stub, "config", "diff", "-f", file.toString(), "--prune");
        assertEquals(0, plain.exitCode(), plain::toString);
        assertEquals("""
                + identity x (ci-job owned by p)
                ~ grant abc (x on demo: GET /a)
                - resource y (/y -> http://y)
                """, plain.out());
        CliRun signalled = CliRun.against(stub, "config", "diff", "-f", file.toString(), "--prune", "--exit-code");
        assertEquals(3, signalled.exitCode(), signalled::toString);
        assertEquals("identities: []\n", stub.received().get(0).body());
    }

    @Test
    void configApplyWithoutYesOnlyShowsTheChangesAndExitsThree() throws Exception {
        Path file = write("policy.yaml", "identities: []\n");
        stub.on("POST /api/v1/config/apply?dryRun=true&prune=false", 200,
                "{\"changes\":[{\"action\":\"REMOVED\",\"kind\":\"grant\",\"key\":\"g1\",\"summary\":\"s\"}]}");
        CliRun run = CliRun.against(stub, "config", "apply", "-f", file.toString());
        assertEquals(3, run.exitCode(), run::toString);
        assertEquals("- grant g1 (s)\n", run.out());
        assertTrue(run.err().contains("run again with --yes"), run::toString);
        assertEquals(1, stub.received().size());
    }

    @Test
    void configApplyWithYesApplies() throws Exception {
        Path file = write("policy.yaml", "identities: []\n");
        stub.on("POST /api/v1/config/apply?dryRun=false&prune=false", 200,
                "{\"changes\":[{\"action\":\"REMOVED\",\"kind\":\"grant\",\"key\":\"g1\",\"summary\":\"s\"}]}");
        CliRun run = CliRun.against(stub, "config", "apply", "-f", file.toString(), "--yes");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("- grant g1 (s)\n", run.out());
    }

    @Test
    void configExportWritesTheYamlToAFile() throws Exception {
        stub.onText("GET /api/v1/config/export", "application/yaml", "identities:\n- name: deploy-bot\n");
        Path target = dir.resolve("policy.yaml");
        CliRun run = CliRun.against(stub, "config", "export", "-o", target.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("identities:\n- name: deploy-bot\n", Files.readString(target));
        assertEquals("application/yaml", stub.only("GET").header("Accept"));
        assertFalse(Files.exists(dir.resolve("policy.yaml.partial")));
    }

    @Test
    void approveNeedsAReason() {
        CliRun run = CliRun.against(stub, "approvals", "approve", "a1");
        assertEquals(2, run.exitCode(), run::toString);
        assertTrue(run.err().contains("Missing required option: '--reason=TEXT'"), run::toString);
        assertTrue(stub.received().isEmpty());
    }

    @Test
    void anApprovalThatIsNoLongerPendingIsExitFive() {
        stub.on("POST /api/v1/approvals/a1/approve", 409, "{\"status\":409,\"detail\":\"approval a1 is DENIED, not pending\"}");
        CliRun run = CliRun.against(stub, "approvals", "approve", "a1", "--reason", "ok");
        assertEquals(5, run.exitCode(), run::toString);
        assertEquals("error: approval a1 is DENIED, not pending\n", run.err());
    }

    @Test
    void watchOncePrintsThePendingApprovals() {
        stub.on("GET /api/v1/approvals?state=PENDING", 200,
                "[{\"id\":\"a1\",\"state\":\"PENDING\",\"identity\":\"deploy-bot\",\"method\":\"POST\",\"path\":\"/demo/refunds\"}]");
        CliRun run = CliRun.against(stub, "approvals", "watch", "--once");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("ID  STATE    IDENTITY    METHOD  RESOURCE  PATH           "), run::toString);
        assertTrue(run.out().contains("a1  PENDING  deploy-bot  POST    -         /demo/refunds"), run::toString);
    }

    @Test
    void breakGlassDecideTakesExactlyOneVerdict() throws Exception {
        CliRun both = CliRun.against(stub, "break-glass", "decide", "a1", "--justified", "--unjustified", "--reason", "r");
        CliRun none = CliRun.against(stub, "break-glass", "decide", "a1", "--reason", "r");
        assertEquals(2, both.exitCode(), both::toString);
        assertEquals(2, none.exitCode(), none::toString);
        assertTrue(stub.received().isEmpty());

        stub.on("POST /api/v1/reviews/a1", 200, "{\"id\":\"a1\",\"review\":{\"state\":\"CLOSED\"}}");
        CliRun run = CliRun.against(stub, "break-glass", "decide", "a1", "--unjustified", "--reason", "no incident");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(JSON.readTree("{\"justified\":false,\"reason\":\"no incident\"}"), JSON.readTree(stub.only("POST").body()));
    }

    @Test
    void reviewsStartSendsScopeReviewersAndDue() throws Exception {
        stub.on("POST /api/v1/access-reviews", 201, "{\"id\":\"rc-1\",\"itemCount\":3,\"due\":\"2026-12-15T00:00:00Z\"}");
        CliRun run = CliRun.against(stub, "reviews", "start", "--name", "Q4", "--scope", "team:payments", "--reviewer", "rita",
                "--due", "2026-12-15T00:00:00Z");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("access review rc-1 started: 3 identities, due 2026-12-15T00:00:00Z\n", run.out());
        assertEquals(JSON.readTree("{\"name\":\"Q4\",\"scope\":\"team:payments\",\"reviewers\":{\"owningTeam\":true,"
                + "\"people\":[\"rita\"]},\"due\":\"2026-12-15T00:00:00Z\"}"), JSON.readTree(stub.only("POST").body()));
    }

    @Test
    void reviewsDecideNamesItemsOrUndecidedAndFailsWhenADecisionCouldNotBeApplied() throws Exception {
        CliRun neither = CliRun.against(stub, "reviews", "decide", "rc-1", "--decision", "keep");
        assertEquals(2, neither.exitCode(), neither::toString);
        assertTrue(stub.received().isEmpty());

        stub.on("POST /api/v1/access-reviews/rc-1/decisions", 200,
                "[{\"id\":\"ri-1\",\"identity\":\"old-bot\",\"decision\":\"revoke\",\"applied\":\"failed: no identity\"}]");
        CliRun run = CliRun.against(stub, "reviews", "decide", "rc-1", "--item", "ri-1", "--decision", "revoke",
                "--comment", "unused since March");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("could not be applied"), run::toString);
        assertEquals(JSON.readTree("{\"decision\":\"revoke\",\"items\":[\"ri-1\"],\"comment\":\"unused since March\"}"),
                JSON.readTree(stub.only("POST").body()));
    }

    @Test
    void reviewsVerifyOfAnEditedReportIsExitOne(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path report = dir.resolve("report.jws");
        java.nio.file.Files.writeString(report, "aaa.bbb.ccc\n");
        stub.on("POST /api/v1/access-reviews/reports/verify", 200,
                "{\"valid\":false,\"kid\":\"cp-1\",\"problem\":\"the signature does not verify\"}");
        CliRun run = CliRun.against(stub, "reviews", "verify", report.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().contains("does NOT verify: the signature does not verify"), run::toString);
        assertEquals("aaa.bbb.ccc", stub.only("POST").body());
    }

    @Test
    void auditSearchAllFollowsTheCursorHeader() throws Exception {
        stub.on("GET /api/v1/audit/events?identity=deploy-bot&limit=2", 200, "[{\"id\":9},{\"id\":8}]",
                Map.of("X-Gatehouse-Next-Cursor", "8"));
        stub.on("GET /api/v1/audit/events?identity=deploy-bot&limit=2&cursor=8", 200, "[{\"id\":7}]");
        CliRun run = CliRun.against(stub, "audit", "search", "--identity", "deploy-bot", "--limit", "2", "--all", "--output", "json");
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(JSON.readTree("[{\"id\":9},{\"id\":8},{\"id\":7}]"), JSON.readTree(run.out()));
    }

    @Test
    void auditVerifyOfABrokenTrailIsExitOneListingEachProblem() {
        stub.on("GET /api/v1/audit/verify", 200, """
                {"intact":false,"sources":[{"source":"dp-1","events":3,"lastSeq":3,"checkpoints":1,
                 "problems":["event 2 (e2) was changed after it was stored"]}]}""");
        CliRun run = CliRun.against(stub, "audit", "verify");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.out().startsWith("SOURCE  EVENTS  LAST SEQ  CHECKPOINTS  PROBLEMS"), run::toString);
        assertEquals("error: the audit trail is NOT intact\n  dp-1: event 2 (e2) was changed after it was stored\n", run.err());
    }

    @Test
    void verifyingASourceWithoutChainIsNotFoundRatherThanIntact() {
        stub.on("GET /api/v1/audit/verify?source=typo", 200, "{\"intact\":true,\"sources\":[]}");
        CliRun run = CliRun.against(stub, "audit", "verify", "--source", "typo");
        assertEquals(4, run.exitCode(), run::toString);
        assertEquals("error: there is no audit chain of source 'typo': nothing was verified\n", run.err());
    }

    @Test
    void auditExportStreamsTheServersBodyIntoTheFile() throws Exception {
        String csv = "id,identity\n1,deploy-bot\n2,'=cmd\n";
        stub.onText("GET /api/v1/audit/export?decision=denied&format=csv", "text/csv", csv);
        Path target = dir.resolve("audit.csv");
        CliRun run = CliRun.against(stub, "audit", "export", "--format", "csv", "--decision", "denied", "-o", target.toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals(csv, Files.readString(target));
    }

    @Test
    void aFailingExportLeavesNoFileBehind() {
        stub.on("GET /api/v1/audit/export?format=jsonl", 503, "{\"detail\":\"audit store unavailable\"}");
        Path target = dir.resolve("audit.jsonl");
        CliRun run = CliRun.against(stub, "audit", "export", "-o", target.toString());
        assertEquals(7, run.exitCode(), run::toString);
        assertFalse(Files.exists(target));
        assertFalse(Files.exists(dir.resolve("audit.jsonl.partial")));
    }

    @Test
    void usageErrorsAreExitTwo() {
        assertEquals(2, CliRun.against(stub).exitCode());
        assertEquals(2, CliRun.against(stub, "identities", "list", "--output", "xml").exitCode());
        assertEquals(2, CliRun.against(stub, "identities", "frobnicate").exitCode());
        assertEquals(2, CliRun.against(stub, "approvals", "watch", "--interval", "0").exitCode());
        assertTrue(stub.received().isEmpty());
    }

    @Test
    void helpAndVersionWorkOnEverySubcommand() {
        CliRun help = CliRun.against(stub, "audit", "search", "--help");
        assertEquals(0, help.exitCode(), help::toString);
        assertTrue(help.out().contains("--decision=DECISION"), help::toString);
        CliRun version = CliRun.against(stub, "grants", "list", "--version");
        assertEquals(0, version.exitCode(), version::toString);
        assertTrue(version.out().matches("gatehouse \\d+\\.\\d+\\.\\d+.*\\n"), version::toString);
    }

    private Path write(String name, String content) throws IOException {
        return Files.writeString(dir.resolve(name), content);
    }
}
