package io.gatehouse.approval.chat;

import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Posts JSON to chat systems (Slack webhooks and API, response URLs, generic webhooks) without blocking the
 * caller: the call runs asynchronously with a timeout; a failure is logged, without the URL (it may be a
 * secret), and never propagates.
 */
@ApplicationScoped
public class ChatHttpClient {

    private static final Logger LOG = Logger.getLogger(ChatHttpClient.class);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    /**
     * @param what what is being sent, for the log (never the URL)
     * @return completes with the response body when the receiver answered 2xx, else with {@code null}; never fails
     */
    public CompletableFuture<String> post(URI url, String json, Map<String, String> headers, Duration timeout, String what) {
        HttpRequest request;
        try {
            HttpRequest.Builder builder = HttpRequest.newBuilder(url).timeout(timeout)
                    .header("Content-Type", "application/json; charset=utf-8")
                    .POST(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8));
            headers.forEach(builder::header);
            request = builder.build();
        } catch (RuntimeException e) {
            LOG.warnf("could not send %s: invalid URL or header", what);
            return CompletableFuture.completedFuture(null);
        }
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
                .thenApply(response -> {
                    if (response.statusCode() / 100 != 2) {
                        LOG.warnf("the receiver refused %s: HTTP %d", what, response.statusCode());
                        return (String) null;
                    }
                    return response.body();
                })
                .exceptionally(failure -> {
                    Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                    LOG.warnf("could not send %s: %s", what, cause.getClass().getSimpleName());
                    return null;
                });
    }
}
