package io.gatehouse.approval;

import io.gatehouse.launcher.oidc.LocalOidcIssuer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * Starts the suite's local OIDC issuer (a real issuer process, launcher/oidc-issuer) and points the
 * service's OIDC configuration at its admin issuer. Skipped when the issuer's classpath has not been
 * built (the root build builds it before this module).
 */
public class OidcIssuerTestResource implements QuarkusTestResourceLifecycleManager {

    static final Path CLASSPATH = Path.of("..", "launcher", "oidc-issuer", "target", "lib");
    static LocalOidcIssuer issuer;

    static boolean available() {
        return issuer != null;
    }

    @Override
    public Map<String, String> start() {
        if (!Files.isDirectory(CLASSPATH)) {
            return Map.of();
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            int port = socket.getLocalPort();
            socket.close();
            Path log = Files.createTempFile("approval-test-oidc-issuer", ".log");
            issuer = LocalOidcIssuer.create(Path.of(System.getProperty("java.home"), "bin", "java"), CLASSPATH,
                    port, log, Duration.ofSeconds(60));
            issuer.start();
            issuer.awaitReady();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return Map.of(
                "quarkus.oidc.tenant-enabled", "true",
                "quarkus.oidc.auth-server-url", issuer.issuerUrl(LocalOidcIssuer.ADMIN));
    }

    @Override
    public void stop() {
        if (issuer != null) {
            issuer.close();
            issuer = null;
        }
    }
}
