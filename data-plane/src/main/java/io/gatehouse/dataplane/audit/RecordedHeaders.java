package io.gatehouse.dataplane.audit;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Picks the allow-listed headers of a request or response for its audit record. */
public final class RecordedHeaders {

    private RecordedHeaders() {
    }

    /**
     * @param allowList      lower-case names to record
     * @param injectedHeader the header the resource's credential is injected in, or null
     * @return lower-case name to value (repeated headers joined with ", "); a header that may carry a credential
     *         is recorded as {@value QueryRedactor#REDACTED}, never with its value
     */
    public static Map<String, String> select(Iterable<Map.Entry<String, String>> headers, Set<String> allowList,
                                             String injectedHeader) {
        Map<String, String> recorded = new TreeMap<>();
        if (allowList.isEmpty()) {
            return recorded;
        }
        for (Map.Entry<String, String> header : headers) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!allowList.contains(name)) {
                continue;
            }
            String value = CredentialHeaders.mayCarryCredential(name, injectedHeader) ? QueryRedactor.REDACTED : header.getValue();
            recorded.merge(name, value, (first, next) -> next.equals(QueryRedactor.REDACTED) ? first : first + ", " + next);
        }
        return recorded;
    }
}
