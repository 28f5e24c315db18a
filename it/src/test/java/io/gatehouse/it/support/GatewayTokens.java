package io.gatehouse.it.support;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Gateway tokens from the control plane's token endpoint (client credentials grant). */
public final class GatewayTokens {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GatewayTokens() {
    }

    /** The token endpoint's answer, whatever it is. */
    public static HttpResponse<String> request(Suite suite, String clientId, String clientSecret) {
        String form = "grant_type=client_credentials&client_id=" + URLEncoder.encode(clientId, StandardCharsets.UTF_8)
                + "&client_secret=" + URLEncoder.encode(clientSecret, StandardCharsets.UTF_8);
        return Http.send(HttpRequest.newBuilder(URI.create(suite.httpUrl(Service.CONTROL_PLANE) + "/oauth2/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build());
    }

    /** A gateway token for the client; fails the test if none is issued. */
    public static String issue(Suite suite, String clientId, String clientSecret) {
        HttpResponse<String> issued = request(suite, clientId, clientSecret);
        assertEquals(200, issued.statusCode(), () -> Http.describe(issued));
        try {
            return JSON.readTree(issued.body()).path("access_token").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
