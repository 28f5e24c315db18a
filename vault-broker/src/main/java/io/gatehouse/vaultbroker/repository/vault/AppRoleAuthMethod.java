package io.gatehouse.vaultbroker.repository.vault;

import io.gatehouse.vaultbroker.model.Secret;

import java.util.Map;

/** AppRole: {@code POST auth/<mount>/login} with role_id and secret_id. */
public class AppRoleAuthMethod implements VaultAuthMethod {

    private final String mount;
    private final String roleId;
    private final Secret secretId;

    public AppRoleAuthMethod(String mount, String roleId, Secret secretId) {
        this.mount = mount;
        this.roleId = roleId;
        this.secretId = secretId;
    }

    @Override
    public String name() {
        return "approle";
    }

    @Override
    public VaultToken login(VaultHttp http) {
        String path = "auth/" + mount + "/login";
        return VaultToken.fromAuth(http.post(path, null, Map.of("role_id", roleId, "secret_id", secretId.reveal()))
                .path("auth"), path);
    }

    @Override
    public boolean canLoginAgain() {
        return true;
    }
}
