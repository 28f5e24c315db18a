package io.gatehouse.vaultbroker.repository.vault;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Kubernetes: {@code POST auth/<mount>/login} with the role and the pod's service-account token, read from
 * its file at every login because projected tokens are rotated by the kubelet.
 */
public class KubernetesAuthMethod implements VaultAuthMethod {

    private final String mount;
    private final String role;
    private final Path jwtFile;

    public KubernetesAuthMethod(String mount, String role, Path jwtFile) {
        this.mount = mount;
        this.role = role;
        this.jwtFile = jwtFile;
    }

    @Override
    public String name() {
        return "kubernetes";
    }

    @Override
    public VaultToken login(VaultHttp http) {
        String path = "auth/" + mount + "/login";
        return VaultToken.fromAuth(http.post(path, null, Map.of("role", role, "jwt", readJwt())).path("auth"), path);
    }

    private String readJwt() {
        try {
            return Files.readString(jwtFile).trim();
        } catch (IOException e) {
            throw new VaultSecretFormatException("the service-account token file '" + jwtFile
                    + "' cannot be read (" + e.getClass().getSimpleName() + ")");
        }
    }

    @Override
    public boolean canLoginAgain() {
        return true;
    }
}
