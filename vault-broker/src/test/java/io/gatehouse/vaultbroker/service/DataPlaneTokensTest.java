package io.gatehouse.vaultbroker.service;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DataPlaneTokensTest {

    @Test
    void matchesEveryConfiguredToken() {
        DataPlaneTokens tokens = new DataPlaneTokens(List.of("first-token", " second-token "), true);

        assertTrue(tokens.matches("first-token"));
        assertTrue(tokens.matches("second-token"));
        assertFalse(tokens.matches("first-token "));
        assertFalse(tokens.matches("third-token"));
        assertFalse(tokens.matches(""));
        assertFalse(tokens.matches(null));
    }

    @Test
    void refusesToWorkWithoutAToken() {
        IllegalStateException none = assertThrows(IllegalStateException.class, () -> new DataPlaneTokens(List.of(), true));
        assertTrue(none.getMessage().contains("gatehouse.broker.data-plane-tokens"));
        assertTrue(none.getMessage().contains("GATEHOUSE_BROKER_DATA_PLANE_TOKENS"));

        assertThrows(IllegalStateException.class, () -> new DataPlaneTokens(List.of(" ", ""), true));
    }
}
