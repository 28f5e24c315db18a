package io.gatehouse.approval;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.util.Map;

/** Switches Slack to bot mode (chat.postMessage / chat.update) against {@link SlackStandIn}'s Web API. */
public class SlackBotModeResource implements QuarkusTestResourceLifecycleManager {

    static final String BOT_TOKEN = "xoxb-test-bot-token";

    @Override
    public Map<String, String> start() {
        return Map.of(
                "gatehouse.approval.slack.bot-token", BOT_TOKEN,
                "gatehouse.approval.slack.channel", SlackStandIn.CHANNEL,
                "gatehouse.approval.slack.api-url", SlackStandIn.baseUrl() + "/api");
    }

    @Override
    public void stop() {
    }
}
