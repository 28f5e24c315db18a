package io.gatehouse.controlplane.security;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JoinTokensTest {

    private static final String DEFAULT_TOKEN = "a-long-random-join-token-of-the-default-pool";
    private static final String EDGE_TOKEN = "a-long-random-join-token-of-the-edge-pool-xx";

    @Test
    void aTokenNamesItsPool() {
        JoinTokens tokens = new JoinTokens(List.of("default:" + DEFAULT_TOKEN, " edge : " + EDGE_TOKEN));
        assertEquals(Optional.of("default"), tokens.poolOf(DEFAULT_TOKEN));
        assertEquals(Optional.of("edge"), tokens.poolOf(EDGE_TOKEN));
        assertTrue(tokens.poolOf("someone-else").isEmpty());
        assertTrue(tokens.poolOf(null).isEmpty());
    }

    @Test
    void noTokenStopsTheStartWithTheSettingToUse() {
        IllegalStateException refused = assertThrows(IllegalStateException.class, () -> new JoinTokens(List.of(" ")));
        assertTrue(refused.getMessage().contains("GATEHOUSE_CONTROL_PLANE_JOIN_TOKENS"), refused.getMessage());
    }

    @Test
    void aMalformedEntryIsRefusedWithoutEchoingIt() {
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> new JoinTokens(List.of("default:" + DEFAULT_TOKEN, "secret-without-pool")));
        assertTrue(refused.getMessage().contains("entry 2"), refused.getMessage());
        assertFalse(refused.getMessage().contains("secret-without-pool"), refused.getMessage());
        assertThrows(IllegalStateException.class, () -> new JoinTokens(List.of("bad pool:" + DEFAULT_TOKEN)));
        assertThrows(IllegalStateException.class, () -> new JoinTokens(List.of("default:")));
    }
}
