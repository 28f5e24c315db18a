package io.gatehouse.controlplane.console;

import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.restassured.RestAssured.given;

@QuarkusTest
@TestProfile(ConsoleDisabledTest.Disabled.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class ConsoleDisabledTest {

    public static class Disabled implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.control-plane.console.enabled", "false");
        }
    }

    @Test
    void aDisabledConsoleAnswers404BeforeAskingAnyoneToSignIn() {
        given().when().get("/console/index.html").then().statusCode(404);
        given().header("X-Requested-With", "JavaScript").when().get("/console/api/session").then().statusCode(404);
        given().when().get("/q/health/live").then().statusCode(200);
    }
}
