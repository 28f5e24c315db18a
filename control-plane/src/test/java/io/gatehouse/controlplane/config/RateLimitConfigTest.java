package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.RateLimit;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RateLimitConfigTest {

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void burstDefaultsToTheRequestsOfOnePeriod() {
        RateLimit limit = loader.parse(identityWith("rateLimit: {requests: 50, per: 10s}"), "limits.yaml")
                .identities().get(0).rateLimit();

        assertEquals(new RateLimit(50, Duration.ofSeconds(10), 50), limit);
    }

    @Test
    void everyWrongSettingIsReportedWithItsPath() {
        List<String> problems = assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse(
                identityWith("rateLimit: {requests: 0, burst: -1, every: 1s}"), "limits.yaml")).problems();

        assertEquals(List.of(
                "identities[0].rateLimit.every: unknown key (allowed: requests, per, burst)",
                "identities[0].rateLimit.requests: must be at least 1, was 0",
                "identities[0].rateLimit.per: required: the period, e.g. 1s or 1m",
                "identities[0].rateLimit.burst: must be at least 1, was -1"), problems);
    }

    private static String identityWith(String rateLimit) {
        return """
                identities:
                  - name: bot
                    kind: service
                    owner: {team: platform, contact: platform@acme.example}
                    purpose: rate limited
                    expires: 2027-06-30T00:00:00Z
                    %s
                """.formatted(rateLimit);
    }
}
