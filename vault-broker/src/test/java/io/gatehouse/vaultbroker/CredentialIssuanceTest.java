package io.gatehouse.vaultbroker;

import io.gatehouse.proto.credential.v1.CredentialServiceGrpc;
import io.gatehouse.proto.credential.v1.IssueCredentialRequest;
import io.gatehouse.proto.credential.v1.IssuedCredential;
import io.gatehouse.vaultbroker.repository.vault.VaultBackend;
import io.gatehouse.vaultbroker.service.IssuanceMetrics;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.MetadataUtils;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.grpc.GrpcClient;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

@QuarkusTest
class CredentialIssuanceTest {

    private static final String SECRET = "s3cr3t-value";
    private static final String TOKEN = "test-data-plane-token-one";
    private static final String SECOND_TOKEN = "test-data-plane-token-two";
    private static final List<String> NEVER_SHOWN = List.of(SECRET, "another-s3cr3t", TOKEN, SECOND_TOKEN);

    @GrpcClient("broker")
    CredentialServiceGrpc.CredentialServiceBlockingStub broker;

    @Inject
    MeterRegistry registry;

    @Inject
    VaultBackend vault;

    private LogCapture logs;

    @BeforeEach
    void captureLogs() {
        logs = LogCapture.install();
    }

    @AfterEach
    void secretsNeverReachTheLogs() {
        logs.uninstall();
        String text = logs.text();
        NEVER_SHOWN.forEach(secret -> assertFalse(text.contains(secret), "a log line shows '" + secret + "'"));
    }

    @Test
    void issuesTheCredentialToADataPlane() {
        double issuedBefore = issuedCount("demo", "issued");
        Instant before = Instant.now();

        IssuedCredential credential = withToken(TOKEN).issueCredential(request("demo"));

        assertEquals("demo", credential.getResource());
        assertEquals(SECRET, credential.getSecret());
        assertTrue(credential.getLeaseId().startsWith("lease-"));
        Instant expiresAt = Instant.ofEpochSecond(credential.getExpiresAt().getSeconds());
        assertFalse(expiresAt.isBefore(before.plus(Duration.ofMinutes(10)).minusSeconds(1)));
        assertTrue(expiresAt.isBefore(Instant.now().plus(Duration.ofMinutes(10)).plusSeconds(1)));
        assertEquals(issuedBefore + 1, issuedCount("demo", "issued"));
        assertTrue(logs.text().contains("issued lease " + credential.getLeaseId()), "the log capture works");
    }

    @Test
    void withoutASourcesFileVaultIsNeverSetUp() {
        assertTrue(vault.store().isEmpty(), "no Vault client, no maintenance thread");
        assertTrue(Thread.getAllStackTraces().keySet().stream()
                .noneMatch(thread -> thread.getName().equals("vault-lease-maintenance")));
    }

    @Test
    void acceptsEveryConfiguredTokenAndGivesEachCallItsOwnLease() {
        IssuedCredential first = withToken(TOKEN).issueCredential(request("payments"));
        IssuedCredential second = withToken(SECOND_TOKEN).issueCredential(request("payments"));

        assertNotEquals(first.getLeaseId(), second.getLeaseId());
        Duration lease = Duration.between(Instant.now(), Instant.ofEpochSecond(second.getExpiresAt().getSeconds()));
        assertTrue(lease.compareTo(Duration.ofMinutes(2)) <= 0 && lease.compareTo(Duration.ofSeconds(100)) > 0);
    }

    @Test
    void refusesACallWithoutToken() {
        assertUnauthenticated(() -> broker.issueCredential(request("demo")));
        assertTrue(logs.text().contains("credential.unauthenticated: actor "), logs.text());
        assertTrue(logs.text().contains("gatehouse.credential.v1.CredentialService/IssueCredential: no bearer token"), logs.text());
    }

    @Test
    void refusesACallWithAWrongToken() {
        assertUnauthenticated(() -> withToken("not-" + TOKEN).issueCredential(request("demo")));
        assertUnauthenticated(() -> withAuthorization("Basic " + TOKEN).issueCredential(request("demo")));
        assertUnauthenticated(() -> withAuthorization("Bearer ").issueCredential(request("demo")));
    }

    @Test
    void unknownResourceIsNotFound() {
        double notFoundBefore = issuedCount(IssuanceMetrics.UNKNOWN_RESOURCE, "not_found");

        StatusRuntimeException unknown = assertThrows(StatusRuntimeException.class,
                () -> withToken(TOKEN).issueCredential(request("nope")));

        assertEquals(Status.Code.NOT_FOUND, unknown.getStatus().getCode());
        assertEquals("no credential is configured for resource 'nope'", unknown.getStatus().getDescription());
        assertEquals(notFoundBefore + 1, issuedCount(IssuanceMetrics.UNKNOWN_RESOURCE, "not_found"));
    }

    @Test
    void requestWithoutResourceIsInvalid() {
        StatusRuntimeException invalid = assertThrows(StatusRuntimeException.class,
                () -> withToken(TOKEN).issueCredential(IssueCredentialRequest.newBuilder().build()));
        assertEquals(Status.Code.INVALID_ARGUMENT, invalid.getStatus().getCode());
    }

    @Test
    void metricsShowCountsButNoSecret() {
        withToken(TOKEN).issueCredential(request("demo"));

        String metrics = given().when().get("/q/metrics").then().statusCode(200)
                .body(containsString("gatehouse_broker_credentials_issued_total"))
                .extract().asString();
        NEVER_SHOWN.forEach(secret -> assertFalse(metrics.contains(secret)));
    }

    private void assertUnauthenticated(Runnable call) {
        StatusRuntimeException refused = assertThrows(StatusRuntimeException.class, call::run);
        assertEquals(Status.Code.UNAUTHENTICATED, refused.getStatus().getCode());
        String description = String.valueOf(refused.getStatus().getDescription());
        NEVER_SHOWN.forEach(secret -> assertFalse(description.contains(secret)));
    }

    private double issuedCount(String resource, String outcome) {
        Counter counter = registry.find(IssuanceMetrics.COUNTER).tag("resource", resource).tag("outcome", outcome)
                .counter();
        return counter == null ? 0 : counter.count();
    }

    private CredentialServiceGrpc.CredentialServiceBlockingStub withToken(String token) {
        return withAuthorization("Bearer " + token);
    }

    private CredentialServiceGrpc.CredentialServiceBlockingStub withAuthorization(String authorization) {
        Metadata headers = new Metadata();
        headers.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), authorization);
        return broker.withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
    }

    private static IssueCredentialRequest request(String resource) {
        return IssueCredentialRequest.newBuilder().setResource(resource).setDataPlaneId("dp-test").build();
    }
}
