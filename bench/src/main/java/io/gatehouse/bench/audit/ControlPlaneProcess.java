package io.gatehouse.bench.audit;

import io.gatehouse.launcher.process.ManagedProcess;
import io.gatehouse.launcher.process.ProcessSpec;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.SuiteOptions;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The packaged control plane as its own process, on free loopback ports, storing into the given database. */
final class ControlPlaneProcess implements AutoCloseable {

    private final ManagedProcess process;
    private final int grpcPort;

    private ControlPlaneProcess(ManagedProcess process, int grpcPort) {
        this.process = process;
        this.grpcPort = grpcPort;
    }

    static ControlPlaneProcess start(Path home, Path workDir, List<String> jvmOptions, String jdbcUrl, String user,
                                     String joinToken) throws IOException {
        int httpPort = freePort();
        int grpcPort = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(SuiteOptions.forTests(home, workDir).serviceJar(Service.CONTROL_PLANE).toString());
        ProcessSpec spec = ProcessSpec.builder(Service.CONTROL_PLANE.module())
                .command(command)
                .workingDirectory(workDir)
                .logFile(workDir.resolve("control-plane.log"))
                .readinessUrl(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                .startTimeout(Duration.ofMinutes(3))
                .env("QUARKUS_HTTP_HOST", "127.0.0.1")
                .env("QUARKUS_HTTP_PORT", httpPort)
                .env("QUARKUS_GRPC_SERVER_HOST", "127.0.0.1")
                .env("QUARKUS_GRPC_SERVER_PORT", grpcPort)
                .env("QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl)
                .env("QUARKUS_DATASOURCE_USERNAME", user)
                // the admin API is not measured: no OIDC issuer
                .env("QUARKUS_OIDC_TENANT_ENABLED", "false")
                .env("GATEHOUSE_CONTROL_PLANE_JOIN_TOKENS", "default:" + joinToken)
                .build();
        ManagedProcess process = new ManagedProcess(spec);
        process.start();
        process.awaitReady();
        return new ControlPlaneProcess(process, grpcPort);
    }

    int grpcPort() {
        return grpcPort;
    }

    /** CPU time the control plane has used so far. */
    java.time.Duration cpu() {
        return ProcessHandle.of(process.pid()).flatMap(handle -> handle.info().totalCpuDuration())
                .orElse(java.time.Duration.ZERO);
    }

    Path logFile() {
        return process.spec().logFile();
    }

    @Override
    public void close() {
        process.close();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
