package io.gatehouse.it;

import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.upstream.RecordedRequest;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Callers that cannot prove a granted identity are refused before anything reaches the upstream. */
@Order(1)
class AuthenticationTest {

    @Test
    @Order(1)
    void noTokenIsRefusedWith401ProblemJson() {
        Suite suite = GatehouseSuite.requireAll();
        int before = suite.upstream().requests().size();

        HttpResponse<String> response = Http.get(suite.proxyUrl() + "/demo/customers/42", null);

        assertEquals(401, response.statusCode(), () -> Http.describe(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> "errors are application/problem+json: " + Http.describe(response));
        assertTrue(response.headers().firstValue("X-Gatehouse-Request-Id").isPresent(),
                () -> "every response carries X-Gatehouse-Request-Id: " + Http.describe(response));
        assertEquals(before, suite.upstream().requests().size(), "the upstream must not be contacted");
    }

    @Test
    @Order(2)
    void garbageTokenIsRefusedWith401() {
        Suite suite = GatehouseSuite.requireAll();

        HttpResponse<String> response = Http.get(suite.proxyUrl() + "/demo/customers/42", "not-a-jwt");

        assertEquals(401, response.statusCode(), () -> Http.describe(response));
    }

    @Test
    @Order(3)
    void tokenForAnotherAudienceIsRefusedWith401() {
        Suite suite = GatehouseSuite.requireAll();
        int before = suite.upstream().requests().size();

        HttpResponse<String> response = Http.get(suite.proxyUrl() + "/demo/customers/42", Tokens.wrongAudience());

        assertEquals(401, response.statusCode(), () -> Http.describe(response));
        assertEquals(before, suite.upstream().requests().size(), "the upstream must not be contacted");
    }

    @Test
    @Order(4)
    void ungrantedPathIsForbidden() {
        Suite suite = GatehouseSuite.requireAll();
        int before = suite.upstream().requests().size();

        HttpResponse<String> response = Http.get(suite.proxyUrl() + "/demo/admin", Tokens.deployBot());

        assertEquals(403, response.statusCode(), () -> Http.describe(response));
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/problem+json"),
                () -> Http.describe(response));
        assertFalse(suite.upstream().requests().stream().skip(before).map(RecordedRequest::path)
                .anyMatch(path -> path.contains("admin")), "the upstream must not see an ungranted call");
    }

    @Test
    @Order(5)
    void grantedPathWithUngrantedMethodIsForbidden() {
        Suite suite = GatehouseSuite.requireAll();

        HttpResponse<String> response = Http.postJson(suite.proxyUrl() + "/demo/customers/42", Tokens.deployBot(), "{}");

        assertEquals(403, response.statusCode(), () -> Http.describe(response));
    }
}
