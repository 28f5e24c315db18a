package io.gatehouse.it;

import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** With the approval service down, calls that need approval get 503 (never approved by default); others pass. */
@Order(4)
class ApprovalServiceOutageTest {

    @Test
    void callsNeedingApprovalGet503WhileOtherCallsPass() {
        Suite suite = GatehouseSuite.requireAll();
        suite.stopService(Service.APPROVAL_SERVICE);
        try {
            int upstreamBefore = suite.upstream().requests().size();
            HttpResponse<String> refund = Http.postJson(suite.proxyUrl() + "/demo/refunds", Tokens.deployBot(),
                    "{\"customerId\":\"5\",\"amount\":\"2.00\",\"note\":\"approval service down\"}");
            assertEquals(503, refund.statusCode(), () -> Http.describe(refund));
            assertEquals(0, suite.upstream().requests().stream().skip(upstreamBefore)
                    .filter(received -> received.path().startsWith("/refunds")).count(), "never forwarded");

            HttpResponse<String> read = Http.get(suite.proxyUrl() + "/demo/customers/42", Tokens.deployBot());
            assertEquals(200, read.statusCode(), () -> "calls without approval are unaffected: " + Http.describe(read));
        } finally {
            suite.startService(Service.APPROVAL_SERVICE);
        }
    }
}
