package io.gatehouse.dataplane.auth;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.json.JsonObject;

/** Small non-blocking GET of a JSON document with a size limit, for OIDC discovery and JWKS. */
public final class HttpJsonFetcher {

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
        // run on the client's context so the body handler is set before any response data arrives
        Promise<JsonObject> result = Promise.promise();
        context.runOnContext(ignored -> fetch(absoluteUrl).onComplete(result));
        return result.future();
    }

    private Future<JsonObject> fetch(String absoluteUrl) {
        RequestOptions options = new RequestOptions()
                .setMethod(HttpMethod.GET)
                .setAbsoluteURI(absoluteUrl)
                .setTimeout(timeoutMillis)
                .putHeader("Accept", "application/json");
        return client.request(options).compose(request -> request.send().compose(response -> {
            if (response.statusCode() != 200) {
                return Future.failedFuture(absoluteUrl + " answered HTTP " + response.statusCode());
            }
            String length = response.getHeader("Content-Length");
            if (length != null && Long.parseLong(length) > maxBytes) {
                return Future.failedFuture(absoluteUrl + " sent more than " + maxBytes + " bytes");
            }
            return response.body();
        })).map(body -> {
            if (body.length() > maxBytes) {
                throw new IllegalStateException(absoluteUrl + " sent more than " + maxBytes + " bytes");
            }
            return body.toJsonObject();
        });
    }
}
