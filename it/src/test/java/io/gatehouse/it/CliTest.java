package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.CliRunner;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The {@code gatehouse} command against the running suite, in-process (picocli with captured output), with the
 * token in {@code GATEHOUSE_TOKEN} as a user would set it.
 */
class CliTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static Suite suite;

    @TempDir
    Path dir;

    @BeforeAll
    static void suite() {
        suite = GatehouseSuite.requireAll();
    }

    @Test
    void identitiesListAsJsonHoldsTheDemoIdentity() throws Exception {
        CliRunner.Run run = gatehouse(Tokens.admin("it-admin"), "identities", "list", "--output", "json");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(JSON.readTree(run.out()).findValuesAsText("name").contains("deploy-bot"), run::toString);
    }

    @Test
    void theExportedConfigDiffsToNoChanges() {
        String admin = Tokens.admin("it-admin");
        Path exported = dir.resolve("policy.yaml");
        CliRunner.Run export = gatehouse(admin, "config", "export", "-o", exported.toString());
        assertEquals(0, export.exitCode(), export::toString);
        assertTrue(Files.exists(exported));

        CliRunner.Run diff = gatehouse(admin, "config", "diff", "-f", exported.toString(), "--prune", "--exit-code");
        assertEquals(0, diff.exitCode(), diff::toString);
        assertEquals("no changes\n", diff.out());
    }

    @Test
    void aGrantIsCreatedListedAndDeletedAndTheChangesAreInAnIntactAuditChain() throws Exception {
        String admin = Tokens.admin("it-admin");
        Path grantFile = Files.writeString(dir.resolve("grant.yaml"), """
                identity: deploy-bot
                resource: demo
                methods: [GET]
                paths: ["/cli-it/*"]
                """);
        CliRunner.Run created = gatehouse(admin, "grants", "create", "-f", grantFile.toString(), "--output", "json");
        assertEquals(0, created.exitCode(), created::toString);
        String id = JSON.readTree(created.out()).path("id").asText();
        assertFalse(id.isBlank(), created::toString);
        try {
            assertEquals(List.of(id), grantIdsWithPath(admin, "/cli-it/*"));
        } finally {
            CliRunner.Run deleted = gatehouse(admin, "grants", "delete", id);
            assertEquals(0, deleted.exitCode(), deleted::toString);
            assertEquals("grant " + id + " deleted\n", deleted.out());
        }
        assertEquals(List.of(), grantIdsWithPath(admin, "/cli-it/*"));

        // the control plane's own chain (policy changes, such as these two); other tests tamper with the data plane's
        CliRunner.Run verified = gatehouse(admin, "audit", "verify", "--source", "control-plane");
        assertEquals(0, verified.exitCode(), verified::toString);
        assertTrue(verified.out().lines().anyMatch(line -> line.startsWith("control-plane ")), verified::toString);
        assertEquals("the audit trail is intact\n", verified.err());
    }

    @Test
    void anApproverListsApprovals() throws Exception {
        CliRunner.Run run = gatehouse(Tokens.admin("demo-approver"), "approvals", "list", "--output", "json");
        assertEquals(0, run.exitCode(), run::toString);
        assertTrue(JSON.readTree(run.out()).isArray(), run::toString);
    }

    @Test
    void anUnknownIdentityIsExitFourWithTheServersDetail() {
        CliRunner.Run run = gatehouse(Tokens.admin("it-admin"), "identities", "show", "no-such-identity");
        assertEquals(4, run.exitCode(), run::toString);
        assertEquals("error: no identity 'no-such-identity'\n", run.err());
    }

    @Test
    void someoneWithoutARoleIsExitSixAndTheTokenIsNeverPrinted() {
        String token = Tokens.admin("some-nobody");
        CliRunner.Run run = gatehouse(token, "identities", "list");
        assertEquals(6, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("error: "), run::toString);
        assertFalse(run.out().contains(token) || run.err().contains(token), run::toString);
    }

    private List<String> grantIdsWithPath(String token, String path) throws Exception {
        CliRunner.Run list = gatehouse(token, "grants", "list", "--identity", "deploy-bot", "--resource", "demo", "--output", "json");
        assertEquals(0, list.exitCode(), list::toString);
        List<String> ids = new ArrayList<>();
        for (JsonNode grant : JSON.readTree(list.out())) {
            if (grant.path("paths").toString().contains(path)) {
                ids.add(grant.path("id").asText());
            }
        }
        return ids;
    }

    private static CliRunner.Run gatehouse(String token, String... args) {
        return CliRunner.gatehouse(suite, token, args);
    }
}
