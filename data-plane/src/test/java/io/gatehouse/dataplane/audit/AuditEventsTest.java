package io.gatehouse.dataplane.audit;

import io.gatehouse.proto.audit.v1.AuditEvent;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuditEventsTest {

    @Test
    void theOutcomeNamesTheRulesThatFiredAndHowManyValuesEachMasked() {
        AuditEvent event = AuditEvents.outcome(new CallRecord("e-1", "r-1", Instant.now(), "deploy-bot", "demo", "GET",
                "/demo/customers", CallDecision.ALLOWED, null, null, 200, Duration.ofMillis(4),
                Map.of("ssn", 3, "payment-card", 1)), "dp-1");

        assertEquals(List.of("payment-card", "ssn"), event.getMaskedFieldsList());
        assertEquals(Map.of("ssn", 3, "payment-card", 1), event.getMaskedValuesMap());
        assertEquals("", event.getRecordingLevel());
        assertFalse(event.hasResponseBody());
    }

    @Test
    void theOutcomeNamesTheOperationTheCallWasAllowedAsAndNoneWhenNoGrantAllowedIt() {
        AuditEvent allowed = AuditEvents.outcome(new CallRecord("e-1", "r-1", Instant.now(), "deploy-bot", "demo", "GET",
                "/demo/customers/7", CallDecision.ALLOWED, null, null, 200, Duration.ofMillis(4), Map.of(), null,
                "/customers/**"), "dp-1");
        AuditEvent denied = AuditEvents.outcome(new CallRecord("e-2", "r-2", Instant.now(), "deploy-bot", null, "DELETE",
                "/demo/customers/7", CallDecision.DENIED, "no grant", null, 0, Duration.ofMillis(1), Map.of()), "dp-1");

        assertEquals("/customers/**", allowed.getRoute());
        assertEquals("", denied.getRoute());
    }

    @Test
    void theRecordedQueryHeadersAndBodiesAreCarriedByTheOutcome() {
        CallDetails details = new CallDetails("bodies", "token=[redacted]", Map.of("content-type", "application/json"),
                Map.of("x-request-id", "r-1"), new RecordedBody(2, "application/json", "{}".getBytes(), false, false),
                new RecordedBody(9000, "image/png", new byte[0], true, true), true);
        AuditEvent event = AuditEvents.outcome(new CallRecord("e-1", "r-1", Instant.now(), "deploy-bot", "demo", "POST",
                "/demo/x", CallDecision.ALLOWED, null, null, 200, Duration.ofMillis(4), Map.of(), details), "dp-1");

        assertEquals("bodies", event.getRecordingLevel());
        assertEquals("token=[redacted]", event.getQuery());
        assertEquals(Map.of("content-type", "application/json"), event.getRequestHeadersMap());
        assertEquals(Map.of("x-request-id", "r-1"), event.getResponseHeadersMap());
        assertEquals("{}", event.getRequestBody().getContent().toStringUtf8());
        assertEquals(9000, event.getResponseBody().getSize());
        assertTrue(event.getResponseBody().getBinary());
        assertTrue(event.getResponseBody().getTruncated());
        assertTrue(event.getRecordedBestEffort());
    }

    @Test
    void aRequestBodyThatCouldNotBeMaskedIsShippedWithoutContentAndTheSummarySaysWhy() {
        CallDetails details = new CallDetails("bodies", null, Map.of(), Map.of(),
                RecordedBody.unmaskable(120, "application/json", "the body is not valid JSON: a value was expected"),
                null, false);
        AuditEvent event = AuditEvents.outcome(new CallRecord("e-1", "r-1", Instant.now(), "deploy-bot", "demo", "POST",
                "/demo/x", CallDecision.ALLOWED, null, null, 200, Duration.ofMillis(4),
                Map.of("request-body-unmaskable", 1), details), "dp-1");

        assertTrue(event.getRequestBody().getBinary(), "content not recorded");
        assertTrue(event.getRequestBody().getContent().isEmpty());
        assertEquals(120, event.getRequestBody().getSize());
        assertEquals("application/json", event.getRequestBody().getContentType());
        assertEquals(List.of("request-body-unmaskable"), event.getMaskedFieldsList());
    }
}
