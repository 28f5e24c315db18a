package io.gatehouse.dataplane.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.DecodeException;
import io.vertx.core.json.JsonObject;

/**
 * Small non-blocking HTTP exchanges of JSON documents with a size limit: GETs for OIDC discovery and
 * JWKS, form POSTs for OAuth2 token requests. Redirects are never followed.
 */
public final class HttpJsonFetcher {

    /** An answer's status and its body when that is a JSON object ({@code null} otherwise). */
    public record JsonResponse(int status, JsonObject body) {
    }

    private final Context context;
    private final HttpClient client;
    private final int maxBytes;
    private final long timeoutMillis;

    public HttpJsonFetcher(Vertx vertx, int maxBytes, long timeoutMillis) {
        this.context = vertx.getOrCreateContext();
        this.client = vertx.createHttpClient(new HttpClientOptions()
                .setConnectTimeout((int) timeoutMillis)
                .setTrustAll(false)
                .setVerifyHost(true));
        this.maxBytes = maxBytes;
        this.timeoutMillis = timeoutMillis;
    }

    public Future<JsonObject> get(String absoluteUrl) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.GET).setAbsoluteURI(absoluteUrl);
        return onContext(options, null).map(response -> {
            if (response.status() != 200) {
                throw new IllegalStateException(absoluteUrl + " answered HTTP " + response.status());
            }
            if (response.body() == null) {
                throw new IllegalStateException(absoluteUrl + " did not send a JSON object");
            }
            return response.body();
        });
    }

    /** POSTs an {@code application/x-www-form-urlencoded} body; any status is an answer. */
    public Future<JsonResponse> postForm(String absoluteUrl, MultiMap headers, String form) {
        RequestOptions options = new RequestOptions().setMethod(HttpMethod.POST).setAbsoluteURI(absoluteUrl)
                .setHeaders(MultiMap.caseInsensitiveMultiMap().addAll(headers).set("Content-Type", "application/x-www-form-urlencoded"));
        return onContext(options, Buffer.buffer(form));
    }

    private Future<JsonResponse> onContext(RequestOptions options, Buffer body) {
        // run on the client's context so the body handler is set before any response data arrives
        Promise<JsonResponse> result = Promise.promise();
        context.runOnContext(ignored -> exchange(options, body).onComplete(result));
        return result.future();
    }

    private Future<JsonResponse> exchange(RequestOptions options, Buffer body) {
        options.setTimeout(timeoutMillis).setFollowRedirects(false).putHeader("Accept", "application/json");
        String url = options.getURI() == null ? "the server" : options.getHost() + options.getURI();
        return client.request(options)
                .compose(request -> body == null ? request.send() : request.send(body))
                .compose(response -> limitedBody(response, url).map(bytes -> new JsonResponse(response.statusCode(), json(bytes))));
    }

    private Future<Buffer> limitedBody(HttpClientResponse response, String url) {
        String length = response.getHeader("Content-Length");
        if (length != null && !length.isBlank() && parsedLength(length) > maxBytes) {
            response.request().reset();
            return Future.failedFuture(new IllegalStateException(url + " sent more than " + maxBytes + " bytes"));
        }
        Promise<Buffer> collected = Promise.promise();
        Buffer bytes = Buffer.buffer();
        response.handler(chunk -> {
            if (bytes.length() + chunk.length() > maxBytes) {
                collected.tryFail(new IllegalStateException(url + " sent more than " + maxBytes + " bytes"));
                response.request().reset();
                return;
            }
            bytes.appendBuffer(chunk);
        });
        response.exceptionHandler(collected::tryFail);
        response.endHandler(done -> collected.tryComplete(bytes));
        return collected.future();
    }

    private static long parsedLength(String length) {
        try {
            return Long.parseLong(length.trim());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    private static JsonObject json(Buffer bytes) {
        try {
            return bytes.length() == 0 ? null : bytes.toJsonObject();
        } catch (DecodeException | ClassCastException notAnObject) {
            return null;
        }
    }
}
