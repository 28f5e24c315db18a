package io.gatehouse.vaultbroker.repository.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.vaultbroker.model.Secret;

import java.time.Duration;

/** A token given in the configuration. Looked up at start ({@code auth/token/lookup-self}) and renewed while renewable. */
public class TokenAuthMethod implements VaultAuthMethod {

    static final String LOOKUP_SELF = "auth/token/lookup-self";

    private final Secret token;

    public TokenAuthMethod(Secret token) {
        this.token = token;
    }

    @Override
    public String name() {
        return "token";
    }

    @Override
    public VaultToken login(VaultHttp http) {
        JsonNode data = http.get(LOOKUP_SELF, token).path("data");
        return new VaultToken(token.copy(), Duration.ofSeconds(data.path("ttl").asLong()),
                data.path("renewable").asBoolean(false));
    }

    @Override
    public boolean canLoginAgain() {
        return false;
    }
}
