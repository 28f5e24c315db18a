package io.gatehouse.dataplane.audit;

import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Headers whose values may be credentials. Their values never enter an audit record, even when a resource's
 * allow-list names them (the control plane refuses such lists; this is the second line).
 */
public final class CredentialHeaders {

    private static final Set<String> CREDENTIAL_HEADERS = Set.of("authorization", "proxy-authorization", "cookie",
            "set-cookie", "set-cookie2", "www-authenticate", "proxy-authenticate");
    private static final List<String> CREDENTIAL_NAME_PARTS = List.of("auth", "token", "secret", "password", "passwd",
            "api-key", "apikey", "api_key", "session", "credential", "signature", "cookie");

    private CredentialHeaders() {
    }

    /** @param injectedHeader the header the resource's credential is injected in, or null */
    public static boolean mayCarryCredential(String headerName, String injectedHeader) {
        String name = headerName.toLowerCase(Locale.ROOT);
        return CREDENTIAL_HEADERS.contains(name) || CREDENTIAL_NAME_PARTS.stream().anyMatch(name::contains)
                || (injectedHeader != null && name.equals(injectedHeader.toLowerCase(Locale.ROOT)));
    }
}
