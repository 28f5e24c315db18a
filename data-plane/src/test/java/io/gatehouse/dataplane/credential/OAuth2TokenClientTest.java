package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.auth.HttpJsonFetcher;
import io.gatehouse.dataplane.policy.OAuth2Settings;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Token endpoint answers the client must not take, and what it says about them (never the secret or the endpoint's text). */
class OAuth2TokenClientTest {

    private static final ClientCredentials CLIENT = ClientCredentials.parse("id:client-secret-x91");

    private static Vertx vertx;
    private static HttpServer endpoint;
    private static OAuth2TokenClient client;

    @BeforeAll
    static void start() throws Exception {
        vertx = Vertx.vertx();
        endpoint = vertx.createHttpServer().requestHandler(request -> request.body().onSuccess(body -> {
            var response = request.response().putHeader("Content-Type", "application/json");
            switch (request.path()) {
                case "/no-expiry" -> response.end("{\"access_token\":\"tok.en-1\",\"token_type\":\"bearer\"}");
                case "/string-expiry" -> response.end("{\"access_token\":\"tok\",\"token_type\":\"Bearer\",\"expires_in\":\"120\"}");
                case "/mac" -> response.end("{\"access_token\":\"tok\",\"token_type\":\"mac\",\"expires_in\":60}");
                case "/header-injection" -> response.end("{\"access_token\":\"tok\\r\\nX-Evil: 1\",\"token_type\":\"Bearer\"}");
                case "/negative" -> response.end("{\"access_token\":\"tok\",\"token_type\":\"Bearer\",\"expires_in\":-5}");
                case "/big" -> response.end("{\"access_token\":\"" + "a".repeat(100_000) + "\",\"token_type\":\"Bearer\"}");
                case "/refused" -> response.setStatusCode(400).end("{\"error\":\"invalid_scope\",\"error_description\":\"you sent "
                        + body.toString() + " " + request.getHeader("Authorization") + "\"}");
                case "/odd-error" -> response.setStatusCode(401).end("{\"error\":\"client-secret-x91\"}");
                case "/redirect" -> response.setStatusCode(302).putHeader("Location", "http://127.0.0.1:1/token").end();
                default -> response.setStatusCode(404).end();
            }
        })).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
        client = new OAuth2TokenClient(new HttpJsonFetcher(vertx, 65536, 5000));
    }

    @AfterAll
    static void stop() throws Exception {
        vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    @Test
    void takesABearerTokenWithOrWithoutALifetime() throws Exception {
        AccessToken token = request("/no-expiry");
        assertEquals("tok.en-1", token.value());
        assertNull(token.expiresIn());
        assertEquals(Duration.ofSeconds(120), request("/string-expiry").expiresIn());
        assertFalse(token.toString().contains("tok.en-1"));
    }

    @Test
    void refusesAnythingButAWellFormedBearerToken() {
        assertRefused("/mac", "not of type Bearer");
        assertRefused("/header-injection", "without a usable access_token");
        assertRefused("/negative", "expires_in that is not a positive number");
        assertRefused("/big", "could not be reached or answered too much");
        assertRefused("/redirect", "HTTP 302");
    }

    @Test
    void namesOnlyTheStatusAndAStandardErrorCodeNeverTheEndpointsText() {
        String refused = assertRefused("/refused", "HTTP 400, invalid_scope");
        assertFalse(refused.contains("you sent"), refused);
        String odd = assertRefused("/odd-error", "HTTP 401, no standard error code");
        assertFalse(odd.contains("client-secret-x91"), odd);
    }

    private static AccessToken request(String path) throws Exception {
        return client.requestToken("api", settings(path), CLIENT).toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }

    private static String assertRefused(String path, String expected) {
        ExecutionException failed = assertThrows(ExecutionException.class, () -> request(path));
        assertInstanceOf(OAuth2TokenException.class, failed.getCause());
        String message = failed.getCause().getMessage();
        assertTrue(message.contains(expected) && message.contains("resource 'api'"), message);
        assertFalse(message.contains("client-secret-x91"), message);
        return message;
    }

    private static OAuth2Settings settings(String path) {
        return new OAuth2Settings(URI.create("http://127.0.0.1:" + endpoint.actualPort() + path), List.of("s"), null,
                OAuth2Settings.ClientAuth.CLIENT_SECRET_BASIC);
    }
}
