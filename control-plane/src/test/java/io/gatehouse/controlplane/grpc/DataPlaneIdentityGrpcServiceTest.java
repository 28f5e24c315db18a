package io.gatehouse.controlplane.grpc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.security.NodeTokenIssuer;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.config.v1.DataPlaneIdentityService;
import io.gatehouse.proto.config.v1.DataPlaneIdentityServiceGrpc;
import io.gatehouse.proto.config.v1.IssueNodeTokenRequest;
import io.gatehouse.proto.config.v1.NodeToken;
import io.grpc.ManagedChannel;
import io.grpc.ManagedChannelBuilder;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.AlgorithmParameters;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class DataPlaneIdentityGrpcServiceTest {

    private static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    @GrpcClient("identity")
    DataPlaneIdentityService client;

    private final ObjectMapper json = new ObjectMapper();

    @Test
    void issuesASignedTokenThatNamesTheNodeAndThePoolOfItsJoinToken() throws Exception {
        NodeToken issued = client.issueNodeToken(IssueNodeTokenRequest.newBuilder().setNodeId("dp-7").build())
                .await().atMost(Duration.ofSeconds(10));

        String[] parts = issued.getToken().split("\\.");
        assertEquals(3, parts.length);
        JsonNode header = json.readTree(Base64.getUrlDecoder().decode(parts[0]));
        JsonNode claims = json.readTree(Base64.getUrlDecoder().decode(parts[1]));
        assertEquals("ES256", header.path("alg").asText());
        assertEquals(NodeTokenIssuer.TYPE, header.path("typ").asText());
        assertEquals("dp-7", claims.path("sub").asText());
        assertEquals("default", claims.path("pool").asText());
        assertEquals("default", issued.getPool());
        assertEquals(NodeTokenIssuer.AUDIENCE, claims.path("aud").asText());
        assertEquals(NodeTokenIssuer.ISSUER, claims.path("iss").asText());
        assertTrue(claims.path("exp").asLong() > Instant.now().getEpochSecond());
        assertEquals(issued.getExpiresAt().getSeconds(), claims.path("exp").asLong());

        assertTrue(verifiesWithPublishedKey(header.path("kid").asText(), parts), "the JWKS key must verify the token");
        parts[1] = Base64.getUrlEncoder().withoutPadding().encodeToString(
                claims.toString().replace("\"default\"", "\"edge\"").getBytes(StandardCharsets.UTF_8));
        assertTrue(!verifiesWithPublishedKey(header.path("kid").asText(), parts), "a changed pool must not verify");
    }

    @Test
    void theJoinTokenDecidesThePool() {
        NodeToken edge = withChannel(channel -> DataPlaneIdentityServiceGrpc.newBlockingStub(channel)
                .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(TestJoinTokenClientInterceptor.EDGE_POOL_TOKEN)))
                .issueNodeToken(IssueNodeTokenRequest.newBuilder().setNodeId("edge-1").build()));
        assertEquals("edge", edge.getPool());
    }

    @Test
    void refusesCallersWithoutAValidJoinToken() {
        StatusRuntimeException none = assertThrows(StatusRuntimeException.class, () -> withChannel(channel ->
                DataPlaneIdentityServiceGrpc.newBlockingStub(channel)
                        .issueNodeToken(IssueNodeTokenRequest.newBuilder().setNodeId("intruder").build())));
        assertEquals(Status.Code.UNAUTHENTICATED, none.getStatus().getCode());
        StatusRuntimeException wrong = assertThrows(StatusRuntimeException.class, () -> withChannel(channel ->
                DataPlaneIdentityServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer("guessed-token")))
                        .issueNodeToken(IssueNodeTokenRequest.newBuilder().setNodeId("intruder").build())));
        assertEquals(Status.Code.UNAUTHENTICATED, wrong.getStatus().getCode());
        assertTrue(!wrong.getStatus().getDescription().contains("guessed-token"));
    }

    @Test
    void refusesAMissingOrMalformedNodeId() {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, () -> withChannel(channel ->
                DataPlaneIdentityServiceGrpc.newBlockingStub(channel)
                        .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(bearer(TestJoinTokenClientInterceptor.DEFAULT_POOL_TOKEN)))
                        .issueNodeToken(IssueNodeTokenRequest.newBuilder().setNodeId("has spaces").build())));
        assertEquals(Status.Code.INVALID_ARGUMENT, refused.getStatus().getCode());
    }

    private boolean verifiesWithPublishedKey(String kid, String[] parts) throws Exception {
        JsonNode jwks = json.readTree(given().get("/.well-known/gatehouse/jwks.json").then().statusCode(200)
                .extract().asString());
        JsonNode key = null;
        for (JsonNode candidate : jwks.path("keys")) {
            if (kid.equals(candidate.path("kid").asText())) {
                key = candidate;
            }
        }
        assertTrue(key != null, "kid " + kid + " is not published: " + jwks);
        assertTrue(!key.has("d"), "the JWKS must not carry the private key");
        AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
        parameters.init(new ECGenParameterSpec("secp256r1"));
        ECPoint point = new ECPoint(new BigInteger(1, Base64.getUrlDecoder().decode(key.path("x").asText())),
                new BigInteger(1, Base64.getUrlDecoder().decode(key.path("y").asText())));
        PublicKey publicKey = KeyFactory.getInstance("EC")
                .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class)));
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(publicKey);
        verifier.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
        return verifier.verify(Base64.getUrlDecoder().decode(parts[2]));
    }

    private static Metadata bearer(String token) {
        Metadata headers = new Metadata();
        headers.put(AUTHORIZATION, "Bearer " + token);
        return headers;
    }

    private static <T> T withChannel(java.util.function.Function<ManagedChannel, T> call) {
        ManagedChannel channel = ManagedChannelBuilder.forAddress("localhost", grpcTestPort()).usePlaintext().build();
        try {
            return call.apply(channel);
        } finally {
            channel.shutdownNow();
        }
    }

    /** The port the test's gRPC server listens on (%test.quarkus.grpc.server.test-port, overridable per run). */
    private static int grpcTestPort() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig()
                .getValue("quarkus.grpc.server.test-port", Integer.class);
    }
}
