package io.gatehouse.approval.slack;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.approval.chat.ChatHttpClient;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** The two methods of Slack's Web API the bot uses, {@code chat.postMessage} and {@code chat.update}. */
@ApplicationScoped
public class SlackWebApi {

    private static final Logger LOG = Logger.getLogger(SlackWebApi.class);

    /** Where a posted message is: channel id and message timestamp. */
    public record PostedMessage(String channel, String ts) {
    }

    private final SlackConfig config;
    private final ChatHttpClient client;
    private final ObjectMapper json;

    public SlackWebApi(SlackConfig config, ChatHttpClient client, ObjectMapper json) {
        this.config = config;
        this.client = client;
        this.json = json;
    }

    /** Completes with where the message went, or empty when Slack did not take it; never fails. */
    CompletableFuture<Optional<PostedMessage>> postMessage(String token, String messageJson, String what) {
        return call("chat.postMessage", token, messageJson, what).thenApply(answer -> answer
                .map(body -> new PostedMessage(body.path("channel").asText(), body.path("ts").asText()))
                .filter(posted -> !posted.channel().isEmpty() && !posted.ts().isEmpty()));
    }

    /** Completes with whether Slack updated the message; never fails. */
    CompletableFuture<Boolean> update(String token, String updateJson, String what) {
        return call("chat.update", token, updateJson, what).thenApply(Optional::isPresent);
    }

    private CompletableFuture<Optional<JsonNode>> call(String method, String token, String body, String what) {
        URI url = URI.create(config.apiUrl().toString().replaceAll("/+$", "") + "/" + method);
        return client.post(url, body, Map.of("Authorization", "Bearer " + token), config.timeout(), what + " to Slack")
                .thenApply(response -> {
                    if (response == null) {
                        return Optional.empty();
                    }
                    try {
                        JsonNode answer = json.readTree(response);
                        if (!answer.path("ok").asBoolean()) {
                            LOG.warnf("Slack refused %s (%s): %s", what, method, answer.path("error").asText("no error given"));
                            return Optional.empty();
                        }
                        return Optional.of(answer);
                    } catch (IOException e) {
                        LOG.warnf("Slack answered %s (%s) with something that is not JSON", what, method);
                        return Optional.empty();
                    }
                });
    }
}
