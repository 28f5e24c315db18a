package io.gatehouse.vaultbroker;

import io.gatehouse.launcher.testing.vault.FakeVault;
import io.gatehouse.proto.credential.v1.CredentialServiceGrpc;
import io.gatehouse.proto.credential.v1.IssueCredentialRequest;
import io.gatehouse.proto.credential.v1.IssuedCredential;
import io.gatehouse.vaultbroker.vault.VaultTestResource;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The broker issuing credentials from the fake Vault over real HTTP, end to end over gRPC. */
@QuarkusTest
@QuarkusTestResource(value = VaultTestResource.class, restrictToAnnotatedClass = true)
class VaultCredentialIssuanceTest {

    private static final String TOKEN = "test-data-plane-token-one";

    @GrpcClient("broker")
    CredentialServiceGrpc.CredentialServiceBlockingStub broker;

    private LogCapture logs;
    private final List<String> answers = new ArrayList<>();

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.install();
    }

    @AfterEach
    void secretsNeverReachLogsOrAnswers() {
        logs.uninstall();
        List<String> neverShown = new ArrayList<>(vault().issuedValues());
        neverShown.add(VaultTestResource.SECRET_ID);
        String text = logs.text() + "\n" + String.join("\n", answers)
                + given().get("/q/metrics").then().extract().asString()
                + given().get("/q/health").then().extract().asString();
        neverShown.forEach(secret -> assertFalse(text.contains(secret), "a log line or answer shows a secret"));
        assertFalse(text.contains(VaultTestResource.CANARY));
    }

    private static FakeVault vault() {
        return VaultTestResource.vault();
    }

    @Test
    void issuesAKvSecretFromVault() {
        Instant before = Instant.now();
        IssuedCredential credential = issue("kv-demo");

        assertEquals(VaultTestResource.CANARY, credential.getSecret(), "the latest version");
        Instant expiresAt = Instant.ofEpochSecond(credential.getExpiresAt().getSeconds());
        assertFalse(expiresAt.isAfter(before.plus(Duration.ofMinutes(1)).plusSeconds(1)));
        assertTrue(vault().calls("POST", "auth/approle/login") >= 1, "logged in with AppRole");
    }

    @Test
    void issuesDatabaseCredentialsFromALease() {
        IssuedCredential credential = issue("orders-db");

        assertTrue(credential.getSecret().startsWith("v-token-"), "username:password");
        assertTrue(credential.getSecret().contains(":password-"));
        assertEquals(1, vault().calls("GET", "database/creds/readonly"), "read once at start, then cached");
    }

    @Test
    void staticResourcesAreStillServedBesideVault() {
        assertEquals("s3cr3t-value", broker().issueCredential(request("demo")).getSecret());
    }

    @Test
    void vaultDownServesCachedLeasesAndRefusesExpiredOnes() throws InterruptedException {
        issue("orders-db");
        issue("short");
        vault().stop();
        try {
            assertTrue(issue("orders-db").getSecret().startsWith("v-token-"), "lease still valid: cached copy");
            Thread.sleep(2_200);
            StatusRuntimeException unavailable = assertThrows(StatusRuntimeException.class, () -> issue("short"));
            assertEquals(Status.Code.UNAVAILABLE, unavailable.getStatus().getCode());
            answers.add(String.valueOf(unavailable.getStatus().getDescription()));
        } finally {
            vault().start();
        }
        assertEquals("short-" + VaultTestResource.CANARY, issue("short").getSecret(), "served again once Vault is back");
    }

    private IssuedCredential issue(String resource) {
        IssuedCredential credential = broker().issueCredential(request(resource));
        return credential;
    }

    private CredentialServiceGrpc.CredentialServiceBlockingStub broker() {
        Metadata metadata = new Metadata();
        metadata.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + TOKEN);
        return broker.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(metadata));
    }

    private static IssueCredentialRequest request(String resource) {
        return IssueCredentialRequest.newBuilder().setResource(resource).setDataPlaneId("dp-test").build();
    }
}
