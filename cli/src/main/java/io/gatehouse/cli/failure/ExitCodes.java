package io.gatehouse.cli.failure;

/**
 * The exit codes scripts can rely on. Documented in {@code cli/README.md}; changing one is a breaking change.
 */
public final class ExitCodes {

    /** Done. */
    public static final int OK = 0;
    /** Verification failed (audit trail not intact) or the server refused the operation for another reason. */
    public static final int FAILED = 1;
    /** Bad command line (picocli), or a request the server rejected as malformed or invalid (400, 422). */
    public static final int USAGE = 2;
    /** Changes are pending: {@code config diff --exit-code} found some, or {@code config apply} ran without {@code --yes}. */
    public static final int PENDING_CHANGES = 3;
    /** The object does not exist (404). */
    public static final int NOT_FOUND = 4;
    /** Conflict or precondition failed (409, 412, 428): it exists, is still referred to, or changed meanwhile. */
    public static final int CONFLICT = 5;
    /** Not authenticated or not allowed (401, 403), or no token given. */
    public static final int PERMISSION = 6;
    /** The server could not be reached, timed out or failed (5xx). */
    public static final int UNAVAILABLE = 7;

    private ExitCodes() {
    }

    /** The exit code of a request the server answered with this (error) status. */
    public static int forHttpStatus(int status) {
        return switch (status) {
            case 400, 422 -> USAGE;
            case 401, 403 -> PERMISSION;
            case 404 -> NOT_FOUND;
            case 409, 412, 428 -> CONFLICT;
            default -> status >= 500 ? UNAVAILABLE : FAILED;
        };
    }
}
