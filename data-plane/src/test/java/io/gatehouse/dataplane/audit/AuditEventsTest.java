package io.gatehouse.dataplane.audit;

import io.gatehouse.proto.audit.v1.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class AuditEventsTest {

    @Test
    void theOutcomeNamesTheRulesThatFiredAndHowManyValuesEachMasked() {
        AuditEvent event = AuditEvents.outcome(new CallRecord("e-1", "r-1", Instant.now(), "deploy-bot", "demo", "GET",
                "/demo/customers", CallDecision.ALLOWED, null, null, 200, Duration.ofMillis(4),
                Map.of("ssn", 3, "payment-card", 1)), "dp-1");

        assertEquals(List.of("payment-card", "ssn"), event.getMaskedFieldsList());
        assertEquals(Map.of("ssn", 3, "payment-card", 1), event.getMaskedValuesMap());
    }
}
