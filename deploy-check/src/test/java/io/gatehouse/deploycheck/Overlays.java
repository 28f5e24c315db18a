package io.gatehouse.deploycheck;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The Kustomize directories of k8s/, each rendered once per test run and parsed strictly. */
final class Overlays {

    static final String BASE = "base";
    static final List<String> DEPLOYABLE = List.of("dev", "prod", "prod-persistent");
    static final List<String> SERVICES = List.of("control-plane", "data-plane", "vault-broker", "approval-service");

    private static final Map<String, Manifests> RENDERED = new ConcurrentHashMap<>();

    private Overlays() {
    }

    static Path k8sDir() {
        Path dir = Path.of(System.getProperty("gatehouse.k8s.dir", "../k8s")).toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new IllegalStateException("no k8s directory at " + dir + " (set -Dgatehouse.k8s.dir)");
        }
        return dir;
    }

    static Path repoDir() {
        return Path.of(System.getProperty("gatehouse.repo.dir", "..")).toAbsolutePath().normalize();
    }

    /** {@code base}, or an overlay's directory under k8s/overlays. */
    static Path dir(String name) {
        return BASE.equals(name) ? k8sDir().resolve(BASE) : k8sDir().resolve("overlays").resolve(name);
    }

    static Manifests rendered(String name) {
        return RENDERED.computeIfAbsent(name, n -> {
            String yaml = Kubectl.fromEnvironment().kustomize(dir(n));
            return new Manifests(n, new StrictManifestParser().parse("kubectl kustomize " + dir(n), yaml));
        });
    }

    static ExternalSecrets externalSecrets(String name) {
        return ExternalSecrets.of(dir(name));
    }
}
