package io.gatehouse.cli.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.gatehouse.cli.settings.BearerToken;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Calls one service's REST API with the caller's bearer token. Every error answer becomes an
 * {@link ApiException} carrying the service's problem details, every transport failure a
 * {@link ServerUnreachableException}; callers only ever see successful answers.
 */
public final class ApiClient {

    public static final String NEXT_CURSOR_HEADER = "X-Gatehouse-Next-Cursor";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String service;
    private final URI baseUrl;
    private final Supplier<BearerToken> token;
    private final HttpClient http;
    private final Duration requestTimeout;

    public ApiClient(String service, URI baseUrl, Supplier<BearerToken> token, HttpClient http, Duration requestTimeout) {
        this.service = service;
        this.baseUrl = baseUrl;
        this.token = token;
        this.http = http;
        this.requestTimeout = requestTimeout;
    }

    public ApiResponse get(String path, Query query) {
        return send(request(path, query).GET().build());
    }

    public ApiResponse get(String path, Query query, String accept) {
        return send(request(path, query).setHeader("Accept", accept).GET().build());
    }

    public ApiResponse post(String path, Query query, RequestBody body) {
        return send(withBody(request(path, query), "POST", body).build());
    }

    public ApiResponse put(String path, RequestBody body, Map<String, String> headers) {
        HttpRequest.Builder builder = withBody(request(path, Query.empty()), "PUT", body);
        headers.forEach(builder::header);
        return send(builder.build());
    }

    public ApiResponse delete(String path) {
        return send(request(path, Query.empty()).DELETE().build());
    }

    /** GET that reports a 404 as an empty answer instead of an error. */
    public Optional<ApiResponse> find(String path) {
        try {
            return Optional.of(get(path, Query.empty()));
        } catch (ApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** Every element of a paged JSON list, following {@value #NEXT_CURSOR_HEADER} until the last page. */
    public ArrayNode getAllPages(String path, Query query) {
        ArrayNode all = JSON.createArrayNode();
        Set<String> cursorsSeen = new HashSet<>();
        Query page = query.copy();
        while (true) {
            ApiResponse response = get(path, page);
            JsonNode elements = response.json();
            if (!elements.isArray()) {
                throw new IllegalStateException("the " + service + " answered " + path + " with something other than a list");
            }
            elements.forEach(all::add);
            Optional<String> next = response.header(NEXT_CURSOR_HEADER).filter(cursor -> !cursor.isBlank());
            if (next.isEmpty() || elements.isEmpty()) {
                return all;
            }
            if (!cursorsSeen.add(next.get())) {
                throw new IllegalStateException("the " + service + " sent the same " + NEXT_CURSOR_HEADER + " twice");
            }
            page = page.copy().with("cursor", next.get());
        }
    }

    /** Streams the body of a GET into {@code target} (UTF-8 text) without holding it in memory. */
    public void download(String path, Query query, String accept, Writer target) {
        HttpRequest request = request(path, query).setHeader("Accept", accept).timeout(Duration.ofDays(1)).GET().build();
        HttpResponse<InputStream> response = exchange(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() >= 400) {
                throw failure(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            Reader reader = new InputStreamReader(body, StandardCharsets.UTF_8);
            reader.transferTo(target);
            target.flush();
        } catch (IOException e) {
            throw new ServerUnreachableException(service, baseUrl, e);
        }
    }

    private ApiResponse send(HttpRequest request) {
        HttpResponse<String> response = exchange(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() >= 400) {
            throw failure(response.statusCode(), response.body());
        }
        return new ApiResponse(service, response.statusCode(), response.headers(), response.body());
    }

    private <T> HttpResponse<T> exchange(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (IOException e) {
            throw new ServerUnreachableException(service, baseUrl, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerUnreachableException(service, baseUrl, e);
        }
    }

    private ApiException failure(int status, String body) {
        return new ApiException(service, status, ProblemDetails.parse(status, body));
    }

    private HttpRequest.Builder request(String path, Query query) {
        return HttpRequest.newBuilder(URI.create(baseUrl + path + query.toQueryString()))
                .timeout(requestTimeout)
                .header("Accept", "application/json")
                .header("Authorization", token.get().authorizationHeader())
                .header("User-Agent", "gatehouse-cli");
    }

    private static HttpRequest.Builder withBody(HttpRequest.Builder builder, String method, RequestBody body) {
        return builder.header("Content-Type", body.contentType())
                .method(method, HttpRequest.BodyPublishers.ofString(body.content(), StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "ApiClient[" + service + " at " + baseUrl + "]";
    }
}
