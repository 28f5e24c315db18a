package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;

/**
 * Waits until a data plane is connected to the control plane and has acknowledged its current
 * snapshot: the starting point of a scenario that measures how fast a change reaches it (an earlier
 * scenario may have restarted processes, and reconnecting takes a backoff period).
 */
public final class ConfigSync {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ConfigSync() {
    }

    public static void awaitInSync(Suite suite, String nodeId, Duration limit) {
        String api = suite.httpUrl(Service.CONTROL_PLANE) + "/api/v1";
        String token = Tokens.admin("it-auditor");
        Instant deadline = Instant.now().plus(limit);
        String last = "";
        while (Instant.now().isBefore(deadline)) {
            try {
                String version = JSON.readTree(Http.get(api + "/config", token).body()).path("version").asText();
                for (JsonNode node : JSON.readTree(Http.get(api + "/data-planes", token).body())) {
                    if (node.path("nodeId").asText().equals(nodeId)) {
                        last = node.toString();
                        if (node.path("connected").asBoolean() && version.equals(node.path("lastAckedVersion").asText())) {
                            return;
                        }
                    }
                }
            } catch (IOException e) {
                last = e.toString();
            }
        }
        throw new AssertionError("data plane " + nodeId + " did not acknowledge the current snapshot within " + limit
                + "; last seen " + last);
    }
}
