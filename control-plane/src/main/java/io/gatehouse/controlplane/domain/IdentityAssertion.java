package io.gatehouse.controlplane.domain;

import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A resource's request for a signed identity assertion: every call forwarded to it carries, in
 * {@code headerName}, a short-lived JWT signed by the data plane that says which identity called
 * through which binding, meant for {@code audience}.
 */
public record IdentityAssertion(String headerName, String audience) {

    public static final String DEFAULT_HEADER = "X-Gatehouse-Identity-Assertion";

    /**
     * Headers an assertion may not take over: those that carry the caller's or the injected credential,
     * those the proxy sets itself, hop-by-hop headers, and the gateway's own.
     */
    private static final Set<String> RESERVED = Set.of("authorization", "proxy-authorization", "cookie", "set-cookie",
            "host", "forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-forwarded-port",
            "x-real-ip", "connection", "keep-alive", "proxy-authenticate", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "content-length", "content-type", "content-encoding",
            "x-gatehouse-request-id", "x-gatehouse-justification", "x-gatehouse-approval-id", "x-gatehouse-break-glass");

    public IdentityAssertion {
        Objects.requireNonNull(headerName, "headerName");
        Objects.requireNonNull(audience, "audience");
    }

    public static boolean isReservedHeader(String name) {
        return RESERVED.contains(name.toLowerCase(Locale.ROOT));
    }
}
