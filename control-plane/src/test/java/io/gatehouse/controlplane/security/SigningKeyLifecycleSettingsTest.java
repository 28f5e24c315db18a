package io.gatehouse.controlplane.security;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rotation settings that would break tokens in flight stop the start with a message naming the setting. */
class SigningKeyLifecycleSettingsTest {

    @Test
    void theDefaultsAreConsistent() {
        assertDoesNotThrow(() -> new SigningKeyLifecycle(config("5M", "30M", "10S", "0S")));
    }

    @Test
    void aRetiredKeyMustOutliveTheTokensItSigned() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SigningKeyLifecycle(config("5M", "5M", "10S", "0S")));
        assertTrue(refused.getMessage().contains("signing-keys.retire-after") && refused.getMessage().contains("tokens.lifetime"),
                refused.getMessage());
    }

    @Test
    void aNewKeyMustBePublishedLongerThanReplicasTakeToSeeIt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SigningKeyLifecycle(config("5S", "30M", "10S", "0S")));
        assertTrue(refused.getMessage().contains("signing-keys.publish-ahead"), refused.getMessage());
    }

    @Test
    void aNegativeRotationPeriodIsRefused() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new SigningKeyLifecycle(config("5M", "30M", "10S", "-1S")));
        assertTrue(refused.getMessage().contains("rotate-every"), refused.getMessage());
    }

    private static ControlPlaneConfig config(String publishAhead, String retireAfter, String reloadInterval, String rotateEvery) {
        Map<String, Object> rotation = Map.of("publishAhead", duration(publishAhead), "retireAfter", duration(retireAfter),
                "reloadInterval", duration(reloadInterval), "rotateEvery", duration(rotateEvery));
        Map<String, Object> tokens = Map.of("lifetime", Duration.ofMinutes(10));
        return proxy(ControlPlaneConfig.class, Map.of("keyRotation", proxy(ControlPlaneConfig.KeyRotation.class, rotation),
                "tokens", proxy(ControlPlaneConfig.Tokens.class, tokens)));
    }

    private static Duration duration(String text) {
        return Duration.parse("PT" + text);
    }

    private static <T> T proxy(Class<T> type, Map<String, Object> answers) {
        return type.cast(Proxy.newProxyInstance(type.getClassLoader(), new Class<?>[]{type}, (self, method, args) -> {
            if (!answers.containsKey(method.getName())) {
                throw new UnsupportedOperationException(method.getName());
            }
            return answers.get(method.getName());
        }));
    }
}
