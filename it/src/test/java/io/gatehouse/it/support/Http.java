package io.gatehouse.it.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A small HTTP client for the scenarios. Remembers every response body and header it saw, so a
 * last test can check that no secret ever reached a caller.
 */
public final class Http {

    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private static final List<String> SEEN = new CopyOnWriteArrayList<>();

    private Http() {
    }

    public static HttpResponse<String> get(String url, String bearer) {
        return send(request(url, bearer).GET().build());
    }

    /** A Prometheus scrape of a service's {@code /q/metrics} in the text format. */
    public static HttpResponse<String> scrapeMetrics(String serviceUrl) {
        return send(HttpRequest.newBuilder(URI.create(serviceUrl + "/q/metrics")).timeout(Duration.ofSeconds(60))
                .header("Accept", "text/plain").GET().build());
    }

    public static HttpResponse<String> postJson(String url, String bearer, String json) {
        return send(request(url, bearer).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)).build());
    }

    public static HttpResponse<String> delete(String url, String bearer) {
        return send(request(url, bearer).DELETE().build());
    }

    public static CompletableFuture<HttpResponse<String>> postJsonAsync(String url, String bearer, String json) {
        return CLIENT.sendAsync(request(url, bearer).timeout(Duration.ofSeconds(120))
                                .header("Content-Type", "application/json")
                                .POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                        HttpResponse.BodyHandlers.ofString())
                .thenApply(Http::remember);
    }

    public static HttpResponse<String> send(HttpRequest request) {
        try {
            return remember(CLIENT.send(request, HttpResponse.BodyHandlers.ofString()));
        } catch (IOException e) {
            throw new AssertionError(request.method() + " " + request.uri() + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static HttpRequest.Builder request(String url, String bearer) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(60))
                .header("Accept", "application/json");
        if (bearer != null) {
            builder.header("Authorization", "Bearer " + bearer);
        }
        return builder;
    }

    private static HttpResponse<String> remember(HttpResponse<String> response) {
        SEEN.add(response.uri() + " " + response.statusCode() + " " + response.headers().map() + "\n" + response.body());
        return response;
    }

    /** Every response (URL, status, headers, body) seen so far. */
    public static List<String> seenResponses() {
        return List.copyOf(SEEN);
    }

    public static String describe(HttpResponse<String> response) {
        return response.request().method() + " " + response.uri() + " → " + response.statusCode()
                + " " + response.headers().map() + " " + response.body();
    }
}
