package io.gatehouse.controlplane.console;

import org.junit.jupiter.api.Test;

import static io.gatehouse.controlplane.console.ConsoleTenantSelection.CONSOLE_TENANT;
import static io.gatehouse.controlplane.console.ConsoleTenantSelection.tenantFor;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class ConsoleTenantSelectionTest {

    @Test
    void consolePagesSignInWithTheSessionTenant() {
        assertEquals(CONSOLE_TENANT, tenantFor("/console", false, false));
        assertEquals(CONSOLE_TENANT, tenantFor("/console/", false, false));
        assertEquals(CONSOLE_TENANT, tenantFor("/console/js/app.js", false, false));
    }

    @Test
    void apiCallsUseTheSessionOnlyWithTheScriptHeaderAndNoBearerToken() {
        assertEquals(CONSOLE_TENANT, tenantFor("/api/v1/identities", false, true));
        assertEquals(CONSOLE_TENANT, tenantFor("/console/api/approvals", false, true));
        assertNull(tenantFor("/api/v1/identities", false, false), "a cookie alone (e.g. a cross-site form) authenticates no API call");
        assertNull(tenantFor("/console/api/approvals/1/approve", false, false), "a cookie alone decides no approval");
        assertNull(tenantFor("/api/v1/identities", true, true), "a bearer token keeps the bearer tenant");
        assertNull(tenantFor("/console/api/session", true, true));
    }

    @Test
    void everythingElseKeepsTheBearerTenant() {
        assertNull(tenantFor("/q/health", false, true));
        assertNull(tenantFor("/consoles", false, false), "only /console and below");
        assertNull(tenantFor("/", false, false));
    }
}
