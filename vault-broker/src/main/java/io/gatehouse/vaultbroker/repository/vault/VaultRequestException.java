package io.gatehouse.vaultbroker.repository.vault;

/**
 * Vault refused a request (4xx): permission denied (403), nothing at the path (404), invalid request (400).
 * The message names the method, path and status, and Vault's own error texts, which never contain secret values.
 */
public class VaultRequestException extends RuntimeException {

    private final int status;

    public VaultRequestException(String method, String path, int status, String errors) {
        super("Vault answered " + status + " to " + method + " /v1/" + path + (errors.isEmpty() ? "" : ": " + errors));
        this.status = status;
    }

    public int status() {
        return status;
    }

    public boolean isPermissionDenied() {
        return status == 403;
    }
}
