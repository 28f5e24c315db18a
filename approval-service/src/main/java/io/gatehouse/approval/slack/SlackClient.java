package io.gatehouse.approval.slack;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * Posts JSON to Slack (incoming webhooks, response URLs) without blocking the caller: the call runs
 * asynchronously with a timeout; a failure is logged, without the URL (it is a secret), and never
 * propagates.
 */
@ApplicationScoped
public class SlackClient {

    private static final Logger LOG = Logger.getLogger(SlackClient.class);

    private final SlackConfig config;
    private final HttpClient http;

    public SlackClient(SlackConfig config) {
        this.config = config;
        this.http = HttpClient.newBuilder().connectTimeout(config.timeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * @param what what is being sent, for the log (never the URL)
     * @return completes with whether Slack accepted the message; never fails
     */
    public CompletableFuture<Boolean> post(URI url, String json, String what) {
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(url).timeout(config.timeout())
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)).build();
        } catch (RuntimeException e) {
            LOG.warnf("could not send %s to Slack: invalid URL", what);
            return CompletableFuture.completedFuture(false);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                .thenApply(response -> {
                    boolean ok = response.statusCode() / 100 == 2;
                    if (!ok) {
                        LOG.warnf("Slack refused %s: HTTP %d", what, response.statusCode());
                    }
                    return ok;
                })
                .exceptionally(failure -> {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    LOG.warnf("could not send %s to Slack: %s", what, cause.getClass().getSimpleName());
                    return false;
                });
    }
}
