package io.gatehouse.dataplane.audit;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordedHeadersTest {

    private static final List<Map.Entry<String, String>> HEADERS = List.of(
            Map.entry("Content-Type", "application/json"),
            Map.entry("X-Request-Id", "r-1"),
            Map.entry("x-request-id", "r-2"),
            Map.entry("Accept", "*/*"),
            Map.entry("Authorization", "Bearer caller-token-abc"),
            Map.entry("Cookie", "session=caller-session"),
            Map.entry("X-Upstream-Key", "upstream-secret"),
            Map.entry("X-Api-Key", "another-secret"));

    @Test
    void onlyAllowListedHeadersAreRecordedByLowerCaseNameWithRepeatsJoined() {
        Map<String, String> recorded = RecordedHeaders.select(HEADERS, Set.of("content-type", "x-request-id"), null);

        assertEquals(Map.of("content-type", "application/json", "x-request-id", "r-1, r-2"), recorded);
    }

    @Test
    void credentialHeadersAreNeverRecordedEvenWhenAllowListedByMistake() {
        Map<String, String> recorded = RecordedHeaders.select(HEADERS,
                Set.of("authorization", "cookie", "x-upstream-key", "x-api-key", "accept"), "X-Upstream-Key");

        assertEquals(Map.of("authorization", "[redacted]", "cookie", "[redacted]", "x-upstream-key", "[redacted]",
                "x-api-key", "[redacted]", "accept", "*/*"), recorded);
        String all = recorded.toString();
        for (String secret : List.of("caller-token-abc", "caller-session", "upstream-secret", "another-secret")) {
            assertFalse(all.contains(secret), all);
        }
    }

    @Test
    void theInjectedHeaderAndCredentialLikeNamesAreTreatedAsCredentials() {
        assertTrue(CredentialHeaders.mayCarryCredential("X-Custom-Upstream", "x-custom-upstream"));
        assertTrue(CredentialHeaders.mayCarryCredential("Set-Cookie", null));
        assertTrue(CredentialHeaders.mayCarryCredential("X-Auth-Token", null));
        assertFalse(CredentialHeaders.mayCarryCredential("X-Custom-Upstream", null));
        assertFalse(CredentialHeaders.mayCarryCredential("Content-Type", "X-Api-Key"));
    }
}
