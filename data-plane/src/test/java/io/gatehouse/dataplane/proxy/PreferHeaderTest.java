package io.gatehouse.dataplane.proxy;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PreferHeaderTest {

    private static final Duration CONFIGURED = Duration.ofSeconds(30);

    @Test
    void respondAsyncMeansNoHold() {
        assertEquals(Duration.ZERO, PreferHeader.holdTime(List.of("respond-async"), CONFIGURED));
        assertEquals(Duration.ZERO, PreferHeader.holdTime(List.of("return=minimal, respond-async"), CONFIGURED));
    }

    @Test
    void waitCanOnlyShortenTheConfiguredHold() {
        assertEquals(Duration.ofSeconds(5), PreferHeader.holdTime(List.of("wait=5"), CONFIGURED));
        assertEquals(CONFIGURED, PreferHeader.holdTime(List.of("wait=600"), CONFIGURED));
    }

    @Test
    void ignoresWhatItDoesNotUnderstand() {
        assertEquals(CONFIGURED, PreferHeader.holdTime(List.of(), CONFIGURED));
        assertEquals(CONFIGURED, PreferHeader.holdTime(List.of("wait=soon", "wait=-1", "handling=strict"), CONFIGURED));
    }
}
