package io.gatehouse.controlplane.console;

import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Calls the approval service's approvers' API on behalf of the signed-in person, with their own access token,
 * so that the approval service itself still decides who may see and decide which approval.
 */
@ApplicationScoped
public class ApprovalServiceClient {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Optional<URI> baseUrl;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER).build();

    public ApprovalServiceClient(ConsoleConfig config) {
        this.baseUrl = config.approvalServiceUrl();
    }

    /** The approval service's answer, passed on as it is. */
    public record Answer(int status, String contentType, String body) {
    }

    /**
     * @param pathAndQuery below {@code /api/v1/approvals}, e.g. {@code ?state=PENDING} or {@code /42/approve}
     * @param accessToken asked for only once the approval service is known to be configured
     * @param jsonBody null for a GET
     * @throws ApprovalServiceUnavailableException when no URL is configured or the service does not answer
     */
    public Answer send(String pathAndQuery, Supplier<String> accessToken, String jsonBody) {
        URI base = baseUrl.orElseThrow(() -> new ApprovalServiceUnavailableException(
                "approvals are not configured on this control plane: set gatehouse.control-plane.console.approval-service-url"
                        + " to the approval service's HTTP URL"));
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(stripSlash(base.toString()) + "/api/v1/approvals" + pathAndQuery))
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + accessToken.get())
                .header("Accept", "application/json");
        if (jsonBody == null) {
            request.GET();
        } else {
            request.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(),
                    response.headers().firstValue("Content-Type").orElse("application/json"), response.body());
        } catch (IOException e) {
            throw new ApprovalServiceUnavailableException("the approval service at " + base + " did not answer ("
                    + e.getClass().getSimpleName() + "); check that it runs and that"
                    + " gatehouse.control-plane.console.approval-service-url points to it");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ApprovalServiceUnavailableException("interrupted while calling the approval service");
        }
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
