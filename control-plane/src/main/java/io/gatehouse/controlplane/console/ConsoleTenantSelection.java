package io.gatehouse.controlplane.console;

/**
 * Which OIDC tenant authenticates a request. The console tenant (authorization code flow, session cookie)
 * signs people in for the pages under {@code /console/}. API calls ({@code /api/} and {@code /console/api/})
 * use it only when they carry no bearer token and do carry {@value #REQUESTED_WITH_HEADER}: a browser sends
 * that header cross-site only after a CORS preflight, which the control plane never grants, so another site
 * cannot make a signed-in browser change anything (CSRF). Everything else keeps the bearer-token tenant.
 */
public final class ConsoleTenantSelection {

    public static final String CONSOLE_TENANT = "console";
    public static final String REQUESTED_WITH_HEADER = "X-Requested-With";
    public static final String CONSOLE_PATH = "/console";

    private ConsoleTenantSelection() {
    }

    /** @return {@value #CONSOLE_TENANT}, or null for the default (bearer-token) tenant */
    public static String tenantFor(String path, boolean hasAuthorizationHeader, boolean hasRequestedWithHeader) {
        if (isApiPath(path)) {
            return !hasAuthorizationHeader && hasRequestedWithHeader ? CONSOLE_TENANT : null;
        }
        return isConsolePath(path) ? CONSOLE_TENANT : null;
    }

    public static boolean isConsolePath(String path) {
        return path.equals(CONSOLE_PATH) || path.startsWith(CONSOLE_PATH + "/");
    }

    private static boolean isApiPath(String path) {
        return path.startsWith("/api/") || path.startsWith(CONSOLE_PATH + "/api/");
    }
}
