package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What a control plane says about config distribution: the current snapshot version and each
 * data plane's stream. Waits until a data plane is connected and has acknowledged the current
 * snapshot: the starting point of a scenario that measures how fast a change reaches it (an
 * earlier scenario may have restarted processes, and reconnecting takes a backoff period).
 */
public final class ConfigSync {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigSync() {
    }

    public static void awaitInSync(Suite suite, String nodeId, Duration limit) {
        String controlPlane = suite.httpUrl(Service.CONTROL_PLANE);
        Instant deadline = Instant.now().plus(limit);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                String version = version(controlPlane);
                Optional<JsonNode> node = dataPlane(controlPlane, nodeId);
                last = node.map(JsonNode::toString).orElse("unknown to the control plane");
                if (node.isPresent() && node.get().path("connected").asBoolean()
                        && version.equals(node.get().path("lastAckedVersion").asText())) {
                    return;
                }
            } catch (UncheckedIOException e) {
                last = e.toString();
            }
        }
        throw new AssertionError("data plane " + nodeId + " did not acknowledge the current snapshot within " + limit
                + "; last seen " + last);
    }

    /** The version of the snapshot the control plane at {@code controlPlaneUrl} publishes now. */
    public static String version(String controlPlaneUrl) {
        return read(controlPlaneUrl + "/api/v1/config").path("version").asText();
    }

    /** The control plane's record of one data plane's config stream ({@code GET /api/v1/data-planes}). */
    public static Optional<JsonNode> dataPlane(String controlPlaneUrl, String nodeId) {
        for (JsonNode node : read(controlPlaneUrl + "/api/v1/data-planes")) {
            if (node.path("nodeId").asText().equals(nodeId)) {
                return Optional.of(node);
            }
        }
        return Optional.empty();
    }

    private static JsonNode read(String url) {
        try {
            return JSON.readTree(Http.get(url, Tokens.admin("it-auditor")).body());
        } catch (IOException e) {
            throw new UncheckedIOException(url + " did not answer JSON", e);
        }
    }
}
