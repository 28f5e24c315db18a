package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.domain.AuditChainReport;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.domain.SigningKeyState;
import io.gatehouse.controlplane.grpc.SignedSnapshotMessages;
import io.gatehouse.controlplane.security.SigningKeyLifecycle;
import io.gatehouse.controlplane.security.SigningKeys;
import io.gatehouse.controlplane.service.AuditChainVerifier;
import io.gatehouse.controlplane.service.AuditCheckpointer;
import io.gatehouse.controlplane.service.AuditStore;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.controlplane.service.SigningKeyReloader;
import io.gatehouse.controlplane.service.SnapshotPublisher;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.SigningPublicKey;
import io.gatehouse.proto.signing.SnapshotSigningInput;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Signing key rotation without downtime, checked the way data planes and JWKS consumers see it: a new key is
 * published before it signs, tokens signed by the old key keep verifying until they expire, snapshots verify
 * along the chain of keys a data plane learned, and an archived key still verifies old audit checkpoints.
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class SigningKeyRotationTest {

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    SigningKeys keys;

    @Inject
    SigningKeyLifecycle lifecycle;

    @Inject
    SigningKeyReloader reloader;

    @Inject
    SnapshotPublisher publisher;

    @Inject
    SignedSnapshotMessages messages;

    @Inject
    AuditStore audit;

    @Inject
    AuditCheckpointer checkpointer;

    @Inject
    AuditChainVerifier chains;

    @Inject
    ControlPlaneConfig config;

    /** The snapshot keys a data plane trusts, learned as it does: from snapshots it verified. */
    private final Map<String, PublicKey> dataPlaneKeys = new HashMap<>();

    /** Client secrets made by a test, revoked after it: an identity may hold only a few. */
    private final List<String> secretIds = new ArrayList<>();

    @AfterEach
    void revokeClientSecrets() {
        for (String secretId : secretIds) {
            given().when().delete("/api/v1/identities/deploy-bot/client-secrets/" + secretId + "?reason=test-done")
                    .then().statusCode(200);
        }
    }

    @BeforeEach
    void noRotationUnderWay() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");
        lifecycle.advance(Instant.now().plus(config.keyRotation().publishAhead()));
        reloader.reloadAndPublish();
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void aRotationPublishesTheNewKeyFirstAndKeepsTheOldOneUntilEverythingItSignedExpired() throws Exception {
        String source = "dp-" + UUID.randomUUID();
        audit.store(List.of(event(source)));
        checkpointer.checkpoint();
        String secret = newClientSecret();
        receiveSnapshot();
        String old = keys.current().kid();
        String beforeRotation = token(secret);
        assertEquals(old, kid(beforeRotation));

        String next = given().when().post("/api/v1/signing-keys/rotate").then().statusCode(201)
                .body("state", equalTo("next")).body("signsFrom", notNullValue()).extract().path("kid");
        given().when().post("/api/v1/signing-keys/rotate").then().statusCode(409)
                .body("detail", containsString("already under way"));
        given().when().get("/api/v1/signing-keys").then().statusCode(200)
                .body("find { it.kid == '" + next + "' }.state", equalTo("next"))
                .body("find { it.kid == '" + old + "' }.state", equalTo("current"))
                .body(not(containsString("private")));
        given().when().get("/.well-known/gatehouse/jwks.json").then().statusCode(200)
                .body("keys.kid", hasItem(next)).body("keys.kid", hasItem(old));
        ConfigSnapshot announcing = receiveSnapshot();
        assertTrue(carries(announcing, next), "the next key reaches data planes before it signs");
        assertEquals(old, kid(token(secret)), "the next key does not sign yet");

        Instant promotion = Instant.now().plus(config.keyRotation().publishAhead());
        assertTrue(lifecycle.advance(promotion));
        reloader.reloadAndPublish();
        assertEquals(next, keys.current().kid());
        String afterRotation = token(secret);
        assertEquals(next, kid(afterRotation));
        ConfigSnapshot signedByNext = receiveSnapshot();
        assertEquals(next, signedByNext.getSignature().getKeyId(), "a data plane that learned the key verifies it");
        assertTrue(carries(signedByNext, old), "the retired key stays published");
        verifiesAtADataPlane(beforeRotation, signedByNext);
        verifiesAtADataPlane(afterRotation, signedByNext);
        given().when().get("/api/v1/signing-keys").then()
                .body("find { it.kid == '" + old + "' }.state", equalTo("retired"))
                .body("find { it.kid == '" + old + "' }.publishedUntil", notNullValue());

        Instant archival = promotion.plus(config.keyRotation().retireAfter());
        assertTrue(archival.getEpochSecond() > expiry(beforeRotation), "the old key outlives every token it signed");
        lifecycle.advance(archival.minusSeconds(1));
        reloader.reloadAndPublish();
        assertEquals(SigningKeyState.RETIRED, state(old), "not archived before retire-after");
        assertTrue(lifecycle.advance(archival));
        reloader.reloadAndPublish();
        given().when().get("/.well-known/gatehouse/jwks.json").then().body("keys.kid", not(hasItem(old)));
        assertFalse(carries(receiveSnapshot(), old), "an archived key is no longer published");
        given().when().get("/api/v1/signing-keys").then()
                .body("find { it.kid == '" + old + "' }.state", equalTo("archived"));
        AuditChainReport.Source chain = chains.verify(Optional.of(source)).sources().get(0);
        assertEquals(1, chain.checkpoints());
        assertEquals(List.of(), chain.problems(), "a checkpoint signed by an archived key still verifies");
    }

    @Test
    @TestSecurity(user = "ada", roles = "gatehouse-admins")
    void anImmediateRotationSignsAtOnceWhileSnapshotsStayVerifiableByDataPlanes() throws Exception {
        String secret = newClientSecret();
        receiveSnapshot();
        String old = keys.current().kid();
        String beforeRotation = token(secret);

        String replacement = given().queryParam("immediate", true).when().post("/api/v1/signing-keys/rotate")
                .then().statusCode(201).body("state", equalTo("current")).extract().path("kid");
        given().when().get("/api/v1/signing-keys").then()
                .body("find { it.kid == '" + old + "' }.state", equalTo("retired"));
        String afterRotation = token(secret);
        assertEquals(replacement, kid(afterRotation));

        ConfigSnapshot chained = receiveSnapshot();
        assertEquals(old, chained.getSignature().getKeyId(),
                "until the new key has been published for publish-ahead, snapshots carry it signed by the old key");
        verifiesAtADataPlane(afterRotation, chained);
        verifiesAtADataPlane(beforeRotation, chained);
        given().when().get("/api/v1/audit/events?kind=signing-key.rotated").then().statusCode(200)
                .body("find { it.reason.contains('" + replacement + "') }.actor", equalTo("ada"));
    }

    @Test
    @TestSecurity(user = "audrey", roles = "gatehouse-auditors")
    void auditorsSeeTheKeysButCannotRotateThem() {
        given().when().get("/api/v1/signing-keys").then().statusCode(200)
                .body("state", hasItem("current"));
        given().when().post("/api/v1/signing-keys/rotate").then().statusCode(403);
    }

    /** Verifies the current snapshot as a data plane does (trust on first use, then only learned keys) and learns its keys. */
    private ConfigSnapshot receiveSnapshot() throws Exception {
        ConfigSnapshot snapshot = messages.forSending(publisher.current(), "nonce");
        Map<String, PublicKey> carried = new HashMap<>();
        for (SigningPublicKey key : snapshot.getSigningKeysList()) {
            carried.put(key.getKeyId(), KeyFactory.getInstance("EC")
                    .generatePublic(new X509EncodedKeySpec(key.getPublicKey().toByteArray())));
        }
        String signer = snapshot.getSignature().getKeyId();
        PublicKey key = dataPlaneKeys.isEmpty() ? carried.get(signer) : dataPlaneKeys.get(signer);
        assertTrue(key != null, "the snapshot is signed by key " + signer + ", which the data plane knows");
        Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
        verifier.initVerify(key);
        verifier.update(SnapshotSigningInput.of(snapshot));
        assertTrue(verifier.verify(snapshot.getSignature().getSignature().toByteArray()), "the snapshot signature verifies");
        dataPlaneKeys.putAll(carried);
        return snapshot;
    }

    /** As the data plane checks a gateway token: ES256 with a key delivered in the snapshot, issuer, audience, expiry. */
    private void verifiesAtADataPlane(String token, ConfigSnapshot snapshot) throws Exception {
        String kid = kid(token);
        SigningPublicKey delivered = snapshot.getSigningKeysList().stream().filter(key -> key.getKeyId().equals(kid))
                .findFirst().orElseThrow(() -> new AssertionError("key " + kid + " is not delivered with the snapshot"));
        try {
            new JwtConsumerBuilder().setRequireExpirationTime()
                    .setExpectedIssuer(snapshot.getGatewayTokens().getIssuer())
                    .setExpectedAudience(snapshot.getGatewayTokens().getAudience())
                    .setJwsAlgorithmConstraints(new AlgorithmConstraints(AlgorithmConstraints.ConstraintType.PERMIT,
                            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256))
                    .setVerificationKey(KeyFactory.getInstance("EC")
                            .generatePublic(new X509EncodedKeySpec(delivered.getPublicKey().toByteArray())))
                    .build().process(token);
        } catch (InvalidJwtException e) {
            throw new AssertionError("the token does not verify: " + e.getMessage());
        }
    }

    private SigningKeyState state(String kid) {
        return keys.all().stream().filter(key -> key.kid().equals(kid)).findFirst().orElseThrow().state();
    }

    private static boolean carries(ConfigSnapshot snapshot, String kid) {
        return snapshot.getSigningKeysList().stream().anyMatch(key -> key.getKeyId().equals(kid));
    }

    private String newClientSecret() {
        io.restassured.response.Response created = given().when().post("/api/v1/identities/deploy-bot/client-secrets")
                .then().statusCode(201).extract().response();
        secretIds.add(created.path("info.secretId"));
        return created.path("secret");
    }

    private static String token(String secret) {
        return given().formParam("grant_type", "client_credentials").formParam("client_id", "deploy-bot")
                .formParam("client_secret", secret).when().post("/oauth2/token").then().statusCode(200)
                .extract().path("access_token");
    }

    private static String kid(String token) throws Exception {
        return unverified(token).getJoseObjects().get(0).getKeyIdHeaderValue();
    }

    private static long expiry(String token) throws Exception {
        return unverified(token).getJwtClaims().getExpirationTime().getValue();
    }

    private static JwtContext unverified(String token) throws InvalidJwtException {
        return new JwtConsumerBuilder().setSkipAllValidators().setDisableRequireSignature().setSkipSignatureVerification()
                .build().process(token);
    }

    private static AuditRecord event(String source) {
        return new AuditRecord(UUID.randomUUID(), "req-" + UUID.randomUUID(), Instant.now(), source, "deploy-bot", "demo",
                "GET", "/demo/customers/1", AuditDecision.ALLOWED, "granted", null, 200, 3, List.of(), AuditRecord.CALL,
                null, Map.of(), null);
    }
}
