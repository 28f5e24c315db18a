package io.gatehouse.dataplane.audit;

import io.gatehouse.dataplane.testing.ProxyTestBed;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

class QueryRedactorTest {

    private final QueryRedactor defaults = defaults();

    @Test
    void sensitiveValuesAreRedactedWhateverTheCaseOrEncodingOfTheirName() {
        assertEquals("page=2&token=[redacted]&API_KEY=[redacted]&ac%63ess_token=[redacted]&q=a%20b",
                defaults.redact("page=2&token=s3cr3t&API_KEY=k-123&ac%63ess_token=abc.def&q=a%20b"));
        assertEquals("X-Amz-Signature=[redacted]&X-Amz-Expires=300&sig=[redacted]&code=[redacted]",
                defaults.redact("X-Amz-Signature=f00&X-Amz-Expires=300&sig=zz&code=auth-code"));
    }

    @Test
    void theShapeOfTheQueryIsKeptAsSent() {
        assertEquals("&a=1&&token&b=&password=[redacted]", defaults.redact("&a=1&&token&b=&password=x=y"));
        assertEquals("tokens=1&my_token=2", defaults.redact("tokens=1&my_token=2"), "only the names in the list");
        assertNull(defaults.redact(""));
        assertNull(defaults.redact(null));
        assertEquals("bad%zzname=1", defaults.redact("bad%zzname=1"), "a malformed name is compared as sent");
    }

    @Test
    void theListIsConfigurable() {
        QueryRedactor custom = new QueryRedactor(List.of(" Tenant ", ""));
        assertEquals("tenant=[redacted]&token=t", custom.redact("tenant=acme&token=t"));
    }

    private static QueryRedactor defaults() {
        try {
            return new QueryRedactor(ProxyTestBed.config(Map.of()).audit().redactedQueryParameters());
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
