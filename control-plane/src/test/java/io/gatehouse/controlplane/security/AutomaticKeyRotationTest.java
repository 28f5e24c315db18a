package io.gatehouse.controlplane.security;

import io.gatehouse.controlplane.domain.SigningKeyState;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** With {@code signing-keys.rotate-every}, a key that signed for that long gets a successor, published ahead. */
@QuarkusTest
@TestProfile(AutomaticKeyRotationTest.RotateEveryThirtyDays.class)
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class AutomaticKeyRotationTest {

    private static final Duration PERIOD = Duration.ofDays(30);

    public static class RotateEveryThirtyDays implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gatehouse.control-plane.signing-keys.rotate-every", "P30D");
        }
    }

    @Inject
    SigningKeys keys;

    @Inject
    SigningKeyLifecycle lifecycle;

    @Test
    void aKeyThatSignedForTheWholePeriodGetsASuccessorThatSignsAfterThePublishAheadTime() {
        keys.reload();
        SigningKey current = keys.current();
        Instant due = current.activatedAt().plus(PERIOD);

        lifecycle.advance(due.minusSeconds(1));
        keys.reload();
        assertTrue(inState(SigningKeyState.NEXT).isEmpty(), "not before the period is over");

        assertTrue(lifecycle.advance(due));
        keys.reload();
        List<SigningKey> next = inState(SigningKeyState.NEXT);
        assertEquals(1, next.size());
        assertEquals(current.kid(), keys.current().kid(), "the successor does not sign yet");

        lifecycle.advance(due.plusSeconds(1));
        keys.reload();
        assertEquals(1, inState(SigningKeyState.NEXT).size(), "one successor at a time");

        assertTrue(lifecycle.advance(due.plus(Duration.ofMinutes(5))));
        keys.reload();
        assertEquals(next.get(0).kid(), keys.current().kid());
        assertTrue(keys.published().stream().anyMatch(key -> key.kid().equals(current.kid())),
                "the replaced key is still published");
    }

    private List<SigningKey> inState(SigningKeyState state) {
        return keys.all().stream().filter(key -> key.state() == state).toList();
    }
}
