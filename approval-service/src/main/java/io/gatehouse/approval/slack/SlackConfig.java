package io.gatehouse.approval.slack;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Settings under {@code gatehouse.approval.slack}. Both secrets are never logged. */
@ConfigMapping(prefix = "gatehouse.approval.slack")
public interface SlackConfig {

    /** Incoming webhook that receives a message for every new approval (when no bot token is set). */
    Optional<URI> webhookUrl();

    /**
     * Bot token (xoxb-…) of the Slack app: with {@link #channel()} set, new approvals are posted with
     * {@code chat.postMessage} and the message is updated with {@code chat.update} once the approval is decided,
     * expires or is cancelled, wherever that happened.
     */
    Optional<String> botToken();

    /** Channel id that receives the bot's messages. */
    Optional<String> channel();

    /** Base URL of Slack's Web API. */
    @WithDefault("https://slack.com/api")
    URI apiUrl();

    /** Signing secret of the Slack app; the interaction endpoint refuses every request when unset. */
    Optional<String> signingSecret();

    /** Slack user id → approver name, e.g. {@code gatehouse.approval.slack.users."U123"=alice}. */
    Map<String, String> users();

    /** Slack user id → comma-separated approver groups of that user. */
    Map<String, String> userGroups();

    /** Longest a webhook or response_url call may take. */
    @WithDefault("5S")
    Duration timeout();

    /** How far a request's timestamp may be from now before the interaction is refused as stale. */
    @WithDefault("5M")
    Duration maxClockSkew();

    /** The only prefixes a payload's {@code response_url} may start with (nothing else is called). */
    @WithDefault("https://hooks.slack.com/")
    List<String> responseUrlPrefixes();
}
