package io.gatehouse.vaultbroker.repository.vault;

/** How the broker obtains its Vault token. */
public interface VaultAuthMethod {

    /** For logs: token, approle or kubernetes. */
    String name();

    /** Obtains a token (for the token method: checks the configured one with lookup-self). */
    VaultToken login(VaultHttp http);

    /** Whether {@link #login} gives a new token, so an expired or revoked one can be replaced. */
    boolean canLoginAgain();
}
