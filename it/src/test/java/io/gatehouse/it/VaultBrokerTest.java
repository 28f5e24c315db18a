package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.SuiteVault;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.proto.config.v1.DataPlaneIdentityServiceGrpc;
import io.gatehouse.proto.config.v1.IssueNodeTokenRequest;
import io.gatehouse.proto.credential.v1.CredentialServiceGrpc;
import io.gatehouse.proto.credential.v1.IssueCredentialRequest;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The vault broker in the running suite: credentials from Vault (the suite's FakeVault) as the declarative config
 * maps them, rotation reaching the data plane, data planes of other pools and callers without a node token refused.
 */
@Order(2)
class VaultBrokerTest {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static Suite suite;

    @BeforeAll
    static void suite() {
        suite = GatehouseSuite.requireAll();
    }

    @Test
    void theVaultCredentialTheConfigMapsIsInjectedAndARotationReachesTheDataPlaneAtOnce() throws Exception {
        String url = suite.proxyUrl() + "/" + SuiteVault.INVENTORY + "/items";
        String before = SuiteVault.inventorySecret();
        HttpResponse<String> first = Http.get(url, Tokens.deployBot());
        assertEquals(200, first.statusCode(), () -> Http.describe(first));
        assertEquals("Bearer " + before, SuiteVault.upstream().lastAuthorization());

        String rotated = SuiteVault.rotateInventory();
        // the data plane's copy may be used for 10 minutes; only the broker's announcement makes it ask again now
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        while (!("Bearer " + rotated).equals(SuiteVault.upstream().lastAuthorization())) {
            if (Instant.now().isAfter(deadline)) {
                fail("the rotated credential did not reach the upstream within 20 s; it still gets the old one");
            }
            Thread.sleep(500);
            HttpResponse<String> again = Http.get(url, Tokens.deployBot());
            assertEquals(200, again.statusCode(), () -> Http.describe(again));
        }
        assertTrue(logOf(Service.DATA_PLANE).contains("the credential of resource inventory was rotated"));
    }

    @Test
    void aDataPlaneOfAnotherPoolGetsNoCredentialAndTheRefusalIsAudited() throws Exception {
        HttpResponse<String> refused = Http.get(suite.proxyUrl() + "/" + SuiteVault.EDGE_REPORTS + "/daily", Tokens.deployBot());
        assertEquals(503, refused.statusCode(), () -> Http.describe(refused));
        assertTrue(refused.body().contains("problem") || refused.body().contains("title"), refused::body);

        JsonNode event = awaitAuditEvent("credential.denied", SuiteVault.EDGE_REPORTS);
        assertEquals(Suite.DATA_PLANE_ID, event.path("actor").asText(), event::toString);
        assertEquals("DENIED", event.path("decision").asText(), event::toString);
        assertTrue(event.path("reason").asText().contains("pool 'default'"), event::toString);
    }

    @Test
    void callersWithoutAValidNodeTokenAreRefusedAndAudited() throws Exception {
        IssueCredentialRequest request = IssueCredentialRequest.newBuilder().setResource(SuiteVault.INVENTORY)
                .setDataPlaneId("intruder").build();
        assertRefused(Status.Code.UNAUTHENTICATED, broker -> broker.issueCredential(request), null);
        assertRefused(Status.Code.UNAUTHENTICATED, broker -> broker.issueCredential(request), suite.joinTokens().get(0));
        assertRefused(Status.Code.UNAUTHENTICATED, broker -> broker.issueCredential(request), unsignedToken());

        // a real node token, but of the broker's own pool, which no resource lets receive credentials
        String otherPool = withChannel(suite.grpcPort(Service.CONTROL_PLANE), channel -> DataPlaneIdentityServiceGrpc
                .newBlockingStub(channel).withInterceptors(bearer(suite.joinTokens().get(1)))
                .issueNodeToken(IssueNodeTokenRequest.newBuilder().setNodeId("not-a-data-plane").build())).getToken();
        assertRefused(Status.Code.PERMISSION_DENIED, broker -> broker.issueCredential(request), otherPool);

        JsonNode unauthenticated = awaitAuditEvent("credential.unauthenticated", null);
        assertTrue(unauthenticated.path("actor").asText().contains("127.0.0.1"), unauthenticated::toString);
        JsonNode otherPoolRefused = awaitAuditEvent("credential.denied", SuiteVault.INVENTORY);
        assertEquals("not-a-data-plane", otherPoolRefused.path("actor").asText(), otherPoolRefused::toString);
    }

    @Test
    void theBrokerAcknowledgedTheConfigItServes() throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(10));
        JsonNode broker = null;
        while (broker == null || broker.path("lastAckedVersion").isNull()) {
            if (Instant.now().isAfter(deadline)) {
                fail("the vault broker is not an acknowledging node of the control plane: " + broker);
            }
            HttpResponse<String> nodes = Http.get(suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/data-planes", Tokens.admin("alice"));
            assertEquals(200, nodes.statusCode(), () -> Http.describe(nodes));
            for (JsonNode node : JSON.readTree(nodes.body())) {
                if ("vault-broker".equals(node.path("nodeId").asText())) {
                    broker = node;
                }
            }
            Thread.sleep(250);
        }
        assertTrue(broker.path("lastNackError").isNull(), broker::toString);
    }

    private static void assertRefused(Status.Code expected,
            Function<CredentialServiceGrpc.CredentialServiceBlockingStub, ?> call, String bearer) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> withChannel(
                suite.grpcPort(Service.VAULT_BROKER), channel -> {
                    CredentialServiceGrpc.CredentialServiceBlockingStub stub = CredentialServiceGrpc.newBlockingStub(channel);
                    return call.apply(bearer == null ? stub : stub.withInterceptors(bearer(bearer)));
                }));
        assertEquals(expected, refused.getStatus().getCode(), refused::toString);
        SuiteVault.secrets().forEach(secret -> assertFalse(String.valueOf(refused.getStatus().getDescription()).contains(secret)));
    }

    /** A token shaped like a node token for the default pool, with no signature ("alg": "none"). */
    private static String unsignedToken() {
        Base64.Encoder encoder = Base64.getUrlEncoder().withoutPadding();
        String header = encoder.encodeToString("{\"alg\":\"none\",\"typ\":\"gatehouse-node+jwt\",\"kid\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        String claims = encoder.encodeToString(("{\"iss\":\"gatehouse-control-plane\",\"aud\":\"gatehouse-vault-broker\","
                + "\"sub\":\"forged\",\"pool\":\"default\",\"exp\":" + (Instant.now().getEpochSecond() + 600) + "}")
                .getBytes(StandardCharsets.UTF_8));
        return header + "." + claims + ".c2ln";
    }

    private JsonNode awaitAuditEvent(String kind, String resource) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            HttpResponse<String> events = Http.get(suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1/audit/events?kind=" + kind
                    + (resource == null ? "" : "&resource=" + resource), Tokens.admin("alice"));
            assertEquals(200, events.statusCode(), () -> Http.describe(events));
            JsonNode list = JSON.readTree(events.body());
            if (list.size() > 0) {
                return list.get(0);
            }
            Thread.sleep(250);
        }
        return fail("no " + kind + " audit event" + (resource == null ? "" : " for " + resource) + " within 15 s");
    }

    private String logOf(Service service) throws Exception {
        return java.nio.file.Files.readString(suite.logFile(service), StandardCharsets.ISO_8859_1);
    }

    private static io.grpc.ClientInterceptor bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return MetadataUtils.newAttachHeadersInterceptor(headers);
    }

    private static <T> T withChannel(int port, Function<ManagedChannel, T> call) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
        try {
            return call.apply(channel);
        } finally {
            channel.shutdownNow();
        }
    }
}
