package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.grpc.SnapshotProtoMapper;
import io.gatehouse.controlplane.service.PolicyUpdateService;
import io.gatehouse.controlplane.service.SnapshotPublisher;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.gatehouse.proto.config.v1.RecordingLevel;
import io.gatehouse.proto.config.v1.Resource;
import io.gatehouse.proto.config.v1.SpoolFullPolicy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.security.TestSecurity;
import jakarta.inject.Inject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A resource's recording block through the admin API: stored, shown, exported, in the snapshot, and validated. */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
@TestSecurity(user = "ada", roles = "gatehouse-admins")
class ResourceRecordingApiTest {

    private static final String RECORDED = """
            {"name": "ledger", "pathPrefix": "/ledger", "upstream": "http://127.0.0.1:9999",
             "credential": {"injection": "header", "header": "X-Ledger-Key"},
             "recording": {"level": "bodies", "headers": ["Content-Type", "x-request-id"], "bodyBytes": 1024,
                           "whenSpoolFull": "best-effort"}}
            """;

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    SnapshotPublisher publisher;

    @Inject
    SnapshotProtoMapper snapshots;

    @BeforeEach
    void startFromTheReadmeExample() {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");
    }

    @Test
    void aRecordingBlockIsStoredShownExportedAndSentToDataPlanes() {
        given().contentType("application/json").body(RECORDED).when().post("/api/v1/resources").then().statusCode(201);

        given().when().get("/api/v1/resources/ledger").then().statusCode(200)
                .body("recording.level", equalTo("bodies"))
                .body("recording.headers", equalTo(List.of("content-type", "x-request-id")))
                .body("recording.bodyBytes", equalTo(1024))
                .body("recording.whenSpoolFull", equalTo("best-effort"));
        String exported = given().when().get("/api/v1/config/export").then().statusCode(200).extract().asString();
        assertTrue(exported.contains("whenSpoolFull: best-effort"), exported);

        Resource sent = snapshots.toProto(publisher.current(), "n").getResourcesList().stream()
                .filter(resource -> resource.getName().equals("ledger")).findFirst().orElseThrow();
        assertEquals(RecordingLevel.RECORDING_LEVEL_BODIES, sent.getRecording().getLevel());
        assertEquals(List.of("content-type", "x-request-id"), sent.getRecording().getHeadersList());
        assertEquals(1024, sent.getRecording().getBodyBytes());
        assertEquals(SpoolFullPolicy.SPOOL_FULL_POLICY_BEST_EFFORT, sent.getRecording().getWhenSpoolFull());
        Resource demo = snapshots.toProto(publisher.current(), "n").getResourcesList().stream()
                .filter(resource -> resource.getName().equals("demo")).findFirst().orElseThrow();
        assertFalse(demo.hasRecording(), "the defaults are left out of the snapshot");
    }

    @Test
    void credentialHeadersIncludingTheInjectedOneAreRefusedWithTheFieldAndTheFix() {
        given().contentType("application/json")
                .body(RECORDED.replace("\"x-request-id\"", "\"Authorization\", \"X-Ledger-Key\""))
                .when().post("/api/v1/resources")
                .then().statusCode(422).contentType("application/problem+json")
                .body("errors[0].path", equalTo("recording.headers"))
                .body("errors[0].message", containsString("[Authorization, X-Ledger-Key]"))
                .body("errors[0].message", containsString("remove them from the list"));
        given().when().get("/api/v1/resources/ledger").then().statusCode(404);
    }
}
