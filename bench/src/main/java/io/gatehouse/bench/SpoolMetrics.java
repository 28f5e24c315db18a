package io.gatehouse.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * The data plane's audit spool as its Prometheus endpoint shows it: events not yet acknowledged by the control plane,
 * their bytes, and whether new calls are refused (spool above its high-water mark).
 */
final class SpoolMetrics {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** One reading; -1 where the endpoint did not answer. */
    record Reading(double backlogEvents, double unacknowledgedBytes, double refusing) {
        static final Reading UNKNOWN = new Reading(-1, -1, -1);

        boolean known() {
            return backlogEvents >= 0;
        }
    }

    private SpoolMetrics() {
    }

    /** Reads {@code managementUrl/q/metrics}; {@link Reading#UNKNOWN} when it cannot. */
    static Reading read(String managementUrl) {
        try {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(managementUrl + "/q/metrics"))
                    .timeout(Duration.ofSeconds(10)).GET().build(), HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                return Reading.UNKNOWN;
            }
            String body = response.body();
            return new Reading(sum(body, "gatehouse_audit_spool_backlog_events"),
                    sum(body, "gatehouse_audit_spool_unacknowledged_bytes"), sum(body, "gatehouse_audit_spool_refusing"));
        } catch (java.io.IOException e) {
            return Reading.UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Reading.UNKNOWN;
        }
    }

    /** The sum of the samples of {@code name} (any labels); -1 when there are none. */
    static double sum(String prometheusText, String name) {
        double total = 0;
        boolean found = false;
        for (String line : prometheusText.split("\n")) {
            if (line.startsWith(name) && (line.length() > name.length())
                    && (line.charAt(name.length()) == ' ' || line.charAt(name.length()) == '{')) {
                total += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                found = true;
            }
        }
        return found ? total : -1;
    }
}
