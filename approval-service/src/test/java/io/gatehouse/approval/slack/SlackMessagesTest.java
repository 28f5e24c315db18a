package io.gatehouse.approval.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.approval.model.Approval;
import io.gatehouse.approval.model.ApprovalState;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SlackMessagesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void valuesCannotInjectMentionsOrLinksAndAreCapped() throws Exception {
        Approval approval = new Approval("a-1", ApprovalState.PENDING, "bot <!channel>", "payments", "POST",
                "/refunds/<https://evil|click>?token=abc", "d".repeat(64), "x".repeat(500), "payments-approvers", 2,
                "dp-1", "req-1", Instant.EPOCH, Instant.EPOCH.plusSeconds(900), null, null, null, null, null, false, null);

        JsonNode message = JSON.readTree(new SlackMessages(JSON).newApproval(approval));
        String text = message.toString();

        assertFalse(text.contains("<!channel>"), text);
        assertTrue(text.contains("&lt;!channel&gt;"), text);
        assertFalse(text.contains("<https://evil"), text);
        assertFalse(text.contains("token=abc"), "query strings are masked");
        assertFalse(text.contains("d".repeat(64)), "no request digest");
        assertFalse(text.contains("x".repeat(SlackMessages.MAX_VALUE_LENGTH + 1)), "values are capped");
        assertTrue(text.contains("Approvers needed"), text);
        assertEquals("a-1", message.path("blocks").path(2).path("elements").path(0).path("value").asText());
        assertEquals(SlackMessages.APPROVE_ACTION,
                message.path("blocks").path(2).path("elements").path(0).path("action_id").asText());
        assertEquals(SlackMessages.DENY_ACTION,
                message.path("blocks").path(2).path("elements").path(1).path("action_id").asText());
    }
}
