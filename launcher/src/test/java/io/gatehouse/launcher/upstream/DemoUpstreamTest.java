package io.gatehouse.launcher.upstream;

import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DemoUpstreamTest {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void answersOnlyTheSecretAndRecordsEveryRequest() throws Exception {
        try (DemoUpstream upstream = DemoUpstream.start(0, "s3cret")) {
            URI customer = URI.create(upstream.baseUrl() + "/customers/42");
            assertEquals(401, http.send(HttpRequest.newBuilder(customer).build(), HttpResponse.BodyHandlers.ofString()).statusCode());
            HttpResponse<String> ok = http.send(HttpRequest.newBuilder(customer).header("Authorization", "Bearer s3cret").build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, ok.statusCode());
            assertEquals("{\"id\":\"42\",\"name\":\"Ada Lovelace\",\"email\":\"ada@example.com\",\"ssn\":\"123-45-6789\",\"plan\":\"gold\"}", ok.body());
            HttpResponse<String> refund = http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/refunds"))
                    .header("Authorization", "Bearer s3cret").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(201, refund.statusCode());
            assertTrue(refund.body().matches("\\{\"refundId\":\"r-[0-9a-f]{8}\",\"status\":\"issued\"}"), refund.body());
            assertEquals(404, http.send(HttpRequest.newBuilder(URI.create(upstream.baseUrl() + "/admin"))
                    .header("Authorization", "Bearer s3cret").build(), HttpResponse.BodyHandlers.ofString()).statusCode());

            assertEquals(4, upstream.requests().size());
            RecordedRequest second = upstream.requests().get(1);
            assertEquals("GET", second.method());
            assertEquals("/customers/42", second.path());
            assertEquals("Bearer s3cret", second.header("authorization"));
            assertEquals("POST", upstream.requests().get(2).method());
        }
    }
}
