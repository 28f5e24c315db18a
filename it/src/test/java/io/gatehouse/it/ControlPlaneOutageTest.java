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
import static org.junit.jupiter.api.Assertions.assertFalse;

/** The data plane keeps enforcing its last good config while the control plane is down. */
@Order(4)
class ControlPlaneOutageTest {

    @Test
    void dataPlaneKeepsServingWithoutTheControlPlane() {
        Suite suite = GatehouseSuite.requireAll();
        String token = Tokens.deployBot();
        HttpResponse<String> warmUp = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
        assertEquals(200, warmUp.statusCode(), () -> "before the outage: " + Http.describe(warmUp));

        suite.stopService(Service.CONTROL_PLANE);
        try {
            assertFalse(suite.isRunning(Service.CONTROL_PLANE), "the control plane is stopped");

            HttpResponse<String> granted = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
            assertEquals(200, granted.statusCode(), () -> "during the outage: " + Http.describe(granted));
            HttpResponse<String> ungranted = Http.get(suite.proxyUrl() + "/demo/admin", token);
            assertEquals(403, ungranted.statusCode(), () -> "still enforced during the outage: " + Http.describe(ungranted));
            HttpResponse<String> anonymous = Http.get(suite.proxyUrl() + "/demo/customers/42", null);
            assertEquals(401, anonymous.statusCode(), () -> "still enforced during the outage: " + Http.describe(anonymous));
        } finally {
            suite.startService(Service.CONTROL_PLANE);
        }
        HttpResponse<String> after = Http.get(suite.proxyUrl() + "/demo/customers/42", token);
        assertEquals(200, after.statusCode(), () -> "after the control plane is back: " + Http.describe(after));
    }
}
