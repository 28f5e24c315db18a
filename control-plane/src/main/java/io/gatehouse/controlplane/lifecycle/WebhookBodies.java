package io.gatehouse.controlplane.lifecycle;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.config.ControlPlaneConfig.Lifecycle.NotificationFormat;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * The body a webhook receives: the stored notice as it is ({@code json}), or one line of text for a chat
 * incoming webhook ({@code slack}: {@code {"text": "…"}}, which Slack, Mattermost and others accept).
 */
@ApplicationScoped
public class WebhookBodies {

    private final ObjectMapper json;

    public WebhookBodies(ObjectMapper json) {
        this.json = json;
    }

    byte[] render(String storedNotice, NotificationFormat format) {
        if (format == NotificationFormat.JSON) {
            return storedNotice.getBytes(StandardCharsets.UTF_8);
        }
        try {
            LifecycleNotice notice = json.readValue(storedNotice, LifecycleNotice.class);
            return json.writeValueAsBytes(Map.of("text", chatText(notice)));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a stored lifecycle notice is not valid JSON", e);
        }
    }

    static String chatText(LifecycleNotice notice) {
        String owner = "team " + notice.ownerTeam() + ", contact " + notice.ownerContact()
                + (notice.teamContact() == null ? "" : " / " + notice.teamContact());
        return "Gatehouse " + (notice.action().startsWith("access-review") ? "" : "lifecycle: ") + notice.action() + " — identity *" + notice.identity() + "* (" + notice.kind()
                + ", " + owner + ") at " + notice.at() + ". Reason: " + notice.reason() + ". " + capitalized(notice.undo())
                + ".";
    }

    private static String capitalized(String text) {
        return text.isEmpty() ? text : Character.toUpperCase(text.charAt(0)) + text.substring(1);
    }
}
