package io.gatehouse.deploycheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Renders a Kustomize directory with {@code kubectl kustomize} (kubectl's built-in Kustomize). */
public final class Kubectl {

    static final String INSTALL_HINT = "kubectl (with built-in kustomize) is needed to build the overlays in k8s/: "
            + "install it (Debian/Ubuntu: apt-get install -y kubernetes-client) or point -Dgatehouse.kubectl at it";

    private static final long TIMEOUT_SECONDS = 60;

    private final String executable;

    public Kubectl(String executable) {
        this.executable = executable;
    }

    /** kubectl named by the system property {@code gatehouse.kubectl}, else the one on the PATH. */
    public static Kubectl fromEnvironment() {
        String configured = System.getProperty("gatehouse.kubectl");
        if (configured != null && !configured.isBlank()) {
            return new Kubectl(configured);
        }
        String path = System.getenv().getOrDefault("PATH", "");
        for (String dir : path.split(java.io.File.pathSeparator)) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "kubectl"))) {
                return new Kubectl(Path.of(dir, "kubectl").toString());
            }
        }
        throw new IllegalStateException("kubectl was not found on the PATH. " + INSTALL_HINT);
    }

    /** The YAML stream {@code kubectl kustomize <dir>} prints; fails with kubectl's own message. */
    public String kustomize(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException("no Kustomize directory at " + dir);
        }
        Process process;
        try {
            process = new ProcessBuilder(List.of(executable, "kustomize", dir.toString())).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run '" + executable + "': " + e.getMessage() + ". " + INSTALL_HINT, e);
        }
        try (InputStream out = process.getInputStream(); InputStream err = process.getErrorStream()) {
            CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> readAll(err));
            String stdout = readAll(out);
            if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("kubectl kustomize " + dir + " did not finish in " + TIMEOUT_SECONDS + " s");
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException("kubectl kustomize " + dir + " failed (exit " + process.exitValue()
                        + "): " + stderr.join().strip());
            }
            return stdout;
        } catch (IOException e) {
            throw new IllegalStateException("reading kubectl's output failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while kubectl kustomize " + dir + " ran", e);
        }
    }

    private static String readAll(InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
