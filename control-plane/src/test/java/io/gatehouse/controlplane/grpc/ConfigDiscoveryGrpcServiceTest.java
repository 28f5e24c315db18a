package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.domain.DataPlaneNode;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.service.DataPlaneRegistry;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.config.v1.ConfigDiscoveryService;
import io.gatehouse.proto.config.v1.ClaimMatcher;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.IdentityKind;
import io.gatehouse.proto.config.v1.IdentityStatus;
import io.gatehouse.proto.config.v1.InjectionStyle;
import io.gatehouse.proto.config.v1.SnapshotRequest;
import io.gatehouse.proto.config.v1.AssertionKey;
import io.gatehouse.controlplane.security.AssertionKeyRegistration;
import com.google.protobuf.ByteString;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import io.grpc.Status;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.operators.multi.processors.UnicastProcessor;
import io.smallrye.mutiny.subscription.Cancellable;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import io.gatehouse.controlplane.security.SigningKeys;
import io.gatehouse.proto.signing.SnapshotSigningInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static io.gatehouse.controlplane.Eventually.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class ConfigDiscoveryGrpcServiceTest {

    @GrpcClient("config")
    ConfigDiscoveryService client;

    @Inject
    SigningKeys signingKeys;

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    DataPlaneRegistry registry;

    private Cancellable stream;

    @AfterEach
    void closeStream() {
        if (stream != null) {
            stream.cancel();
        }
    }

    @Test
    void sendsTheCurrentSnapshotAndRecordsAckAndNack() throws Exception {
        PolicySnapshot applied = policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");
        String nodeId = "dp-" + UUID.randomUUID();
        UnicastProcessor<SnapshotRequest> requests = UnicastProcessor.create();
        BlockingQueue<ConfigSnapshot> received = open(requests);

        requests.onNext(SnapshotRequest.newBuilder().setNodeId(nodeId).build());
        ConfigSnapshot first = received.poll(10, TimeUnit.SECONDS);

        assertNotNull(first, "no snapshot received");
        assertEquals(applied.version(), first.getVersion());
        assertTrue(signingKeys.verify(first.getSignature().getKeyId(), SnapshotSigningInput.of(first),
                first.getSignature().getSignature().toByteArray()), "signed by the control plane's key");
        assertEquals(signingKeys.current().kid(), first.getSigningKeys(0).getKeyId(), "and carries its public key");
        assertEquals(1, first.getIdentitiesCount());
        assertEquals(IdentityKind.IDENTITY_KIND_CI_JOB, first.getIdentities(0).getKind());
        assertEquals(IdentityStatus.IDENTITY_STATUS_ACTIVE, first.getIdentities(0).getStatus());
        assertEquals(List.of(ClaimMatcher.newBuilder().addPath("ref").setExact("refs/heads/main").build(),
                        ClaimMatcher.newBuilder().addPath("repository").setExact("acme/deploy").build()),
                first.getIdentities(0).getOidcBindings(0).getClaimsList());
        assertEquals(InjectionStyle.INJECTION_STYLE_BEARER, first.getResources(0).getInjection().getStyle());
        assertEquals(10, first.getResources(0).getUpstreamTimeout().getSeconds());
        assertEquals(2, first.getGrantsCount());

        requests.onNext(SnapshotRequest.newBuilder().setNodeId(nodeId).setVersionInfo(first.getVersion())
                .setResponseNonce(first.getNonce()).build());
        await("the ACK is recorded", () -> first.getVersion().equals(node(nodeId).lastAckedVersion()));
        assertTrue(node(nodeId).connected());
        assertEquals(first.getVersion(), node(nodeId).lastSentVersion());

        requests.onNext(SnapshotRequest.newBuilder().setNodeId(nodeId).setVersionInfo(first.getVersion())
                .setResponseNonce(first.getNonce()).setErrorDetail("unknown injection style").build());
        await("the NACK is recorded", () -> "unknown injection style".equals(node(nodeId).lastNackError()));
        assertNotNull(node(nodeId).lastNackAt());
        assertEquals(first.getVersion(), node(nodeId).lastNackedVersion(), "the version the NACK answered");
        String metrics = io.restassured.RestAssured.given().when().get("/q/metrics").then().statusCode(200).extract().asString();
        assertTrue(metrics.contains("gatehouse_config_node_in_sync{node=\"" + nodeId + "\"} 1.0"), "in sync: " + nodeId);
        assertTrue(metrics.contains("gatehouse_config_node_nacked{node=\"" + nodeId + "\"} 1.0"), "nacked: " + nodeId);
        assertTrue(metrics.contains("gatehouse_config_data_planes_connected"), "connected count");
    }

    @Test
    void pushesANewSnapshotWhenTheModelChanges() throws Exception {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");
        UnicastProcessor<SnapshotRequest> requests = UnicastProcessor.create();
        BlockingQueue<ConfigSnapshot> received = open(requests);
        requests.onNext(SnapshotRequest.newBuilder().setNodeId("dp-push").build());
        ConfigSnapshot first = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(first, "no snapshot received");

        PolicySnapshot changed = policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE.replace("fields: [ssn]", "fields: [iban]"),
                "changed.yaml"), "changed.yaml");
        ConfigSnapshot pushed = received.poll(10, TimeUnit.SECONDS);

        assertNotNull(pushed, "no snapshot pushed after the change");
        assertEquals(changed.version(), pushed.getVersion());
        assertNotEquals(first.getVersion(), pushed.getVersion());
        assertNotEquals(first.getNonce(), pushed.getNonce());
        assertEquals("iban", pushed.getResources(0).getMaskedFields(0));
    }

    @Test
    void aStreamWithoutNodeIdFailsWithInvalidArgument() throws Exception {
        UnicastProcessor<SnapshotRequest> requests = UnicastProcessor.create();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        stream = client.streamSnapshots(requests).subscribe().with(snapshot -> { }, failure::complete);

        requests.onNext(SnapshotRequest.newBuilder().setVersionInfo("whatever").build());

        Status status = Status.fromThrowable(failure.get(10, TimeUnit.SECONDS));
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertTrue(status.getDescription().contains("node_id"), status.getDescription());
    }

    @Test
    void aClosedStreamMarksTheNodeDisconnected() throws Exception {
        UnicastProcessor<SnapshotRequest> requests = UnicastProcessor.create();
        BlockingQueue<ConfigSnapshot> received = open(requests);
        requests.onNext(SnapshotRequest.newBuilder().setNodeId("dp-leaving").build());
        assertNotNull(received.poll(10, TimeUnit.SECONDS), "no snapshot received");

        requests.onComplete();

        await("the node is marked disconnected", () -> !node("dp-leaving").connected());
        assertNull(node("dp-leaving").lastNackError());
    }

    @Test
    void aDataPlanesAssertionKeyIsPublishedBeforeItsFirstSnapshotAndTheSnapshotSaysHowToSign() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] publicKey = generator.generateKeyPair().getPublic().getEncoded();
        String kid = AssertionKeyRegistration.kidOf(publicKey);
        UnicastProcessor<SnapshotRequest> requests = UnicastProcessor.create();
        BlockingQueue<ConfigSnapshot> received = open(requests);

        requests.onNext(SnapshotRequest.newBuilder().setNodeId("dp-asserting")
                .setAssertionKey(AssertionKey.newBuilder().setKeyId(kid).setPublicKey(ByteString.copyFrom(publicKey))).build());

        ConfigSnapshot first = received.poll(10, TimeUnit.SECONDS);
        assertNotNull(first, "no snapshot received");
        assertEquals("gatehouse-data-plane", first.getIdentityAssertions().getIssuer());
        assertEquals(300, first.getIdentityAssertions().getLifetime().getSeconds());
        List<Map<String, String>> keys = given().when().get("/.well-known/gatehouse/assertion-jwks.json")
                .then().statusCode(200).header("Cache-Control", containsString("max-age"))
                .extract().jsonPath().getList("keys");
        Map<String, String> jwk = keys.stream().filter(key -> kid.equals(key.get("kid"))).findFirst()
                .orElseThrow(() -> new AssertionError("key " + kid + " is not published: " + keys));
        assertEquals("EC", jwk.get("kty"));
        assertEquals("P-256", jwk.get("crv"));
        assertEquals("ES256", jwk.get("alg"));
        assertEquals(43, jwk.get("x").length(), "32 bytes, base64url without padding");
        assertFalse(jwk.containsKey("d"), "never a private part");
    }

    @Test
    void anAssertionKeyThatIsNotP256OrWhoseIdDoesNotMatchEndsTheStream() throws Exception {
        KeyPairGenerator rsa = KeyPairGenerator.getInstance("RSA");
        rsa.initialize(2048);
        byte[] rsaKey = rsa.generateKeyPair().getPublic().getEncoded();
        KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
        ec.initialize(new ECGenParameterSpec("secp256r1"));
        byte[] ecKey = ec.generateKeyPair().getPublic().getEncoded();

        assertRefused(AssertionKey.newBuilder().setKeyId(AssertionKeyRegistration.kidOf(rsaKey)).setPublicKey(ByteString.copyFrom(rsaKey)),
                "EC P-256");
        assertRefused(AssertionKey.newBuilder().setKeyId("chosen-by-me").setPublicKey(ByteString.copyFrom(ecKey)), "key id");
    }

    private void assertRefused(AssertionKey.Builder key, String reason) throws Exception {
        UnicastProcessor<SnapshotRequest> requests = UnicastProcessor.create();
        CompletableFuture<Throwable> failure = new CompletableFuture<>();
        stream = client.streamSnapshots(requests).subscribe().with(snapshot -> { }, failure::complete);

        requests.onNext(SnapshotRequest.newBuilder().setNodeId("dp-bad-key").setAssertionKey(key).build());

        Status status = Status.fromThrowable(failure.get(10, TimeUnit.SECONDS));
        assertEquals(Status.Code.INVALID_ARGUMENT, status.getCode());
        assertTrue(status.getDescription().contains(reason), status.getDescription());
    }

    private BlockingQueue<ConfigSnapshot> open(UnicastProcessor<SnapshotRequest> requests) {
        BlockingQueue<ConfigSnapshot> received = new LinkedBlockingQueue<>();
        stream = client.streamSnapshots(requests).subscribe().with(received::add, failure -> { });
        return received;
    }

    private DataPlaneNode node(String nodeId) {
        return registry.nodes().stream().filter(node -> node.nodeId().equals(nodeId)).findFirst()
                .orElseThrow(() -> new AssertionError("node " + nodeId + " is not registered"));
    }
}
