package io.gatehouse.launcher.suite;

import io.gatehouse.launcher.oidc.LocalOidcIssuer;
import io.gatehouse.launcher.process.ManagedProcess;
import io.gatehouse.launcher.process.ProcessSpec;
import io.gatehouse.launcher.process.StartupException;
import io.gatehouse.launcher.upstream.DemoUpstream;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The whole suite on one machine: PostgreSQL, the local OIDC issuer (a process), the demo upstream
 * (in this JVM) and the four services (processes), started in that order and stopped in reverse,
 * also when the JVM exits (Ctrl-C).
 */
public final class Suite implements AutoCloseable {

    public static final String CONFIG_FILE = "gatehouse.yaml";
    public static final String SECRET_STORE_FILE = "secrets.yaml";
    public static final String DATA_PLANE_ID = "local-dp-1";
    /** The pool of the suite's data plane; resources name it in credential.dataPlanes (the default pool). */
    public static final String DATA_PLANE_POOL = "default";
    /** The vault broker joins the control plane under a pool of its own, which no resource names. */
    public static final String BROKER_POOL = "vault-broker";
    /** The approval service joins the control plane (to ship its audit events) under a pool of its own. */
    public static final String APPROVAL_POOL = "approval-service";

    private static final SecureRandom RANDOM = new SecureRandom();

    private final SuiteOptions options;
    private final PrintStream out;
    private final String upstreamSecret = randomToken();
    private final String dataPlaneJoinToken = randomToken();
    private final String brokerJoinToken = randomToken();
    private final String approvalJoinToken = randomToken();
    private final String maskingHashKey = randomToken() + randomToken();
    /** The web console's OIDC client secret (the local issuer checks none; it also keys the session cookie). */
    private final String consoleClientSecret = randomToken() + randomToken();
    private final Map<Service, ManagedProcess> services = new EnumMap<>(Service.class);
    private final List<Service> skipped = new ArrayList<>();
    /** Extra data planes and control planes started by scenarios about several replicas. */
    private final List<ManagedProcess> replicas = new ArrayList<>();
    private final Thread shutdownHook;
    private volatile Database database;
    private volatile LocalOidcIssuer issuer;
    private volatile DemoUpstream upstream;
    private volatile boolean closed;

    private Suite(SuiteOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
        this.shutdownHook = new Thread(this::stopAll, "gatehouse-suite-shutdown");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /**
     * Starts everything and waits until each part is ready. On failure everything already started
     * is stopped again and a {@link StartupException} says what failed, with its last log lines.
     */
    public static Suite start(SuiteOptions options, PrintStream out) {
        Suite suite = new Suite(options, out);
        try {
            suite.startAll();
            return suite;
        } catch (RuntimeException | Error e) {
            suite.close();
            throw e;
        }
    }

    private void startAll() {
        try {
            Files.createDirectories(options.logsDir());
        } catch (IOException e) {
            throw new StartupException("cannot create the work directory " + options.workDir() + ": " + e.getMessage(), e);
        }
        stopLeftovers();
        checkPortsFree();

        step("PostgreSQL", () -> {
            if (options.databaseUrl() != null) {
                database = Database.external(options.databaseUrl(), options.databaseUser(), options.databasePassword());
            } else {
                Path data = options.keepDatabaseData() ? options.workDir().resolve("postgres") : null;
                database = Database.embedded(options.ports().postgres(), data);
            }
            try {
                database.ensureDatabase(Database.CONTROL);
                database.ensureDatabase(Database.APPROVAL);
            } catch (SQLException e) {
                throw new StartupException("cannot create the databases " + Database.CONTROL + " and "
                        + Database.APPROVAL + " on " + database.location() + ": " + e.getMessage(), e);
            }
            return "ready on " + database.location();
        });

        step("OIDC issuer", () -> {
            issuer = LocalOidcIssuer.create(javaExecutable(), options.oidcIssuerClasspath(), options.ports().oidc(),
                    options.logsDir().resolve("oidc-issuer.log"), Duration.ofSeconds(60));
            issuer.start();
            recordPids();
            issuer.awaitReady();
            return "ready on " + issuer.baseUrl() + " (issuers /" + LocalOidcIssuer.CI + " and /" + LocalOidcIssuer.ADMIN + ")";
        });

        step("demo upstream", () -> {
            upstream = DemoUpstream.start(options.ports().upstream(), upstreamSecret);
            return "ready on " + upstream.baseUrl();
        });

        try {
            DemoFiles.write(configFile(), DemoFiles.config(issuer.issuerUrl(LocalOidcIssuer.CI), upstream.baseUrl(), Instant.now(),
                    options.extraResources(), options.extraGrants()));
            DemoFiles.writePrivate(secretStoreFile(), DemoFiles.secretStore(upstreamSecret));
            Files.createDirectories(dataPlaneStateDir());
        } catch (IOException e) {
            throw new StartupException("cannot write the suite's files in " + options.workDir() + ": " + e.getMessage(), e);
        }

        for (Service service : Service.values()) {
            ensureOpen();
            Path jar = options.serviceJar(service);
            if (!Files.isRegularFile(jar)) {
                String message = jar + " is not built (./mvnw -B -q install -DskipTests)";
                if (!options.skipMissingServices()) {
                    throw new StartupException(service.module() + ": " + message);
                }
                out.println("skipping " + service.displayName() + ": " + message);
                skipped.add(service);
                continue;
            }
            ManagedProcess process = new ManagedProcess(serviceSpec(service, jar));
            services.put(service, process);
            step(service.displayName(), () -> {
                process.start();
                recordPids();
                process.awaitReady();
                return readyText(service);
            });
        }
    }

    private String readyText(Service service) {
        StringBuilder text = new StringBuilder("ready on ").append(httpUrl(service));
        if (service == Service.DATA_PLANE) {
            text.append(", proxy on ").append(proxyUrl());
        } else if (service.hasGrpc()) {
            text.append(", gRPC 127.0.0.1:").append(options.ports().grpc(service));
        }
        return text.toString();
    }

    /** Where the launcher notes the pids of its children, to clean up after a launcher that was killed hard. */
    private Path pidFile() {
        return options.workDir().resolve("launcher.pids");
    }

    private synchronized void recordPids() {
        StringBuilder lines = new StringBuilder();
        if (issuer != null && issuer.process().isAlive()) {
            lines.append(issuer.process().pid()).append(' ').append(LocalOidcIssuer.MAIN_CLASS).append('\n');
        }
        services.forEach((service, process) -> {
            if (process.isAlive()) {
                lines.append(process.pid()).append(' ').append(options.serviceJar(service)).append('\n');
            }
        });
        try {
            Files.writeString(pidFile(), lines.toString());
        } catch (IOException e) {
            // only a convenience for the next start
        }
    }

    /**
     * Stops what an earlier launcher with the same work directory left running (it was killed
     * without a chance to stop its children): child processes noted in the pid file whose command
     * line still matches, and a PostgreSQL server still running on the work directory's data.
     */
    private void stopLeftovers() {
        Path pids = pidFile();
        if (Files.exists(pids)) {
            try {
                for (String line : Files.readAllLines(pids)) {
                    String[] parts = line.split(" ", 2);
                    if (parts.length < 2) {
                        continue;
                    }
                    ProcessHandle.of(Long.parseLong(parts[0].trim()))
                            .filter(handle -> handle.info().commandLine().map(c -> c.contains(parts[1])).orElse(false))
                            .ifPresent(handle -> stopLeftover(handle, parts[1]));
                }
                Files.deleteIfExists(pids);
            } catch (IOException | NumberFormatException e) {
                out.println("could not read " + pids + ": " + e.getMessage());
            }
        }
        Path postmaster = options.workDir().resolve("postgres").resolve("postmaster.pid");
        if (options.keepDatabaseData() && options.databaseUrl() == null && Files.exists(postmaster)) {
            try {
                long pid = Long.parseLong(Files.readAllLines(postmaster).get(0).trim());
                ProcessHandle.of(pid)
                        .filter(handle -> handle.info().command().map(c -> c.endsWith("postgres")).orElse(false))
                        .ifPresent(handle -> stopLeftover(handle, "PostgreSQL"));
            } catch (IOException | RuntimeException e) {
                // PostgreSQL removes a stale pid file itself
            }
        }
    }

    private void stopLeftover(ProcessHandle handle, String what) {
        out.println("stopping " + what + " (pid " + handle.pid() + ") left running by an earlier launcher");
        handle.descendants().forEach(ProcessHandle::destroy);
        handle.destroy();
        try {
            handle.onExit().get(20, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            handle.destroyForcibly();
        }
    }

    private void checkPortsFree() {
        List<String> busy = new ArrayList<>();
        options.ports().all().forEach((what, port) -> {
            if (!SuitePorts.isFree(port)) {
                busy.add(what + " " + port);
            }
        });
        if (!busy.isEmpty()) {
            throw new StartupException("ports already in use: " + String.join(", ", busy)
                    + ". Is another Gatehouse suite still running? Stop it (Ctrl-C) or choose other ports (quickstart: --free-ports).");
        }
    }

    private ProcessSpec serviceSpec(Service service, Path jar) {
        SuitePorts ports = options.ports();
        List<String> command = new ArrayList<>();
        command.add(javaExecutable().toString());
        command.addAll(options.serviceJavaOptions());
        command.add("-jar");
        command.add(jar.toString());
        ProcessSpec.Builder spec = ProcessSpec.builder(service.module())
                .command(command)
                .workingDirectory(options.workDir())
                .logFile(logFile(service))
                .readinessUrl(URI.create(httpUrl(service) + "/q/health/ready"))
                .startTimeout(options.serviceStartTimeout())
                .env("QUARKUS_HTTP_HOST", "127.0.0.1")
                .env("QUARKUS_HTTP_PORT", ports.http(service));
        if (service.hasGrpc()) {
            spec.env("QUARKUS_GRPC_SERVER_HOST", "127.0.0.1")
                    .env("QUARKUS_GRPC_SERVER_PORT", ports.grpc(service));
        }
        switch (service) {
            case VAULT_BROKER -> spec
                    .env("GATEHOUSE_BROKER_STATIC_STORE_FILE", secretStoreFile())
                    .env("GATEHOUSE_BROKER_CONTROL_PLANE_URL", httpUrl(Service.CONTROL_PLANE))
                    .env("GATEHOUSE_BROKER_CONTROL_PLANE_GRPC_HOST", "127.0.0.1")
                    .env("GATEHOUSE_BROKER_CONTROL_PLANE_GRPC_PORT", ports.grpc(Service.CONTROL_PLANE))
                    .env("GATEHOUSE_BROKER_CONTROL_PLANE_JOIN_TOKEN", brokerJoinToken);
            case CONTROL_PLANE -> {
                datasource(spec, Database.CONTROL);
                adminOidc(spec);
                spec.env("GATEHOUSE_CONTROL_PLANE_CONSOLE_APPROVAL_SERVICE_URL", httpUrl(Service.APPROVAL_SERVICE))
                        .env("QUARKUS_OIDC_CONSOLE_CREDENTIALS_SECRET", consoleClientSecret);
                spec.env("GATEHOUSE_CONTROL_PLANE_CONFIG_FILE", configFile())
                        .env("GATEHOUSE_CONTROL_PLANE_JOIN_TOKENS", DATA_PLANE_POOL + ":" + dataPlaneJoinToken + ","
                                + BROKER_POOL + ":" + brokerJoinToken + "," + APPROVAL_POOL + ":" + approvalJoinToken);
            }
            case APPROVAL_SERVICE -> {
                datasource(spec, Database.APPROVAL);
                adminOidc(spec);
                spec.env("GATEHOUSE_CONTROL_PLANE_HOST", "127.0.0.1")
                        .env("GATEHOUSE_CONTROL_PLANE_GRPC_PORT", ports.grpc(Service.CONTROL_PLANE))
                        .env("GATEHOUSE_APPROVAL_AUDIT_JOIN_TOKEN", approvalJoinToken);
            }
            case DATA_PLANE -> spec
                    .env("GATEHOUSE_PROXY_HOST", "127.0.0.1")
                    .env("GATEHOUSE_PROXY_PORT", ports.proxy())
                    // no load balancer to wait for on one machine: draining starts refusing new connections at once
                    .env("GATEHOUSE_PROXY_DRAIN_READY_DELAY", "0S")
                    .env("GATEHOUSE_DATA_PLANE_ID", DATA_PLANE_ID)
                    .env("GATEHOUSE_DATA_PLANE_STATE_DIR", dataPlaneStateDir())
                    .env("GATEHOUSE_CONTROL_PLANE_HOST", "127.0.0.1")
                    .env("GATEHOUSE_CONTROL_PLANE_GRPC_PORT", ports.grpc(Service.CONTROL_PLANE))
                    .env("GATEHOUSE_APPROVAL_HOST", "127.0.0.1")
                    .env("GATEHOUSE_APPROVAL_GRPC_PORT", ports.grpc(Service.APPROVAL_SERVICE))
                    .env("GATEHOUSE_APPROVAL_STATUS_URL", httpUrl(Service.APPROVAL_SERVICE) + "/api/v1/approvals/{id}")
                    .env("GATEHOUSE_VAULT_BROKER_HOST", "127.0.0.1")
                    .env("GATEHOUSE_VAULT_BROKER_GRPC_PORT", ports.grpc(Service.VAULT_BROKER))
                    .env("GATEHOUSE_CONTROL_PLANE_JOIN_TOKEN", dataPlaneJoinToken)
                    .env("GATEHOUSE_MASKING_HASH_KEY", maskingHashKey);
            default -> throw new IllegalStateException("unknown service " + service);
        }
        options.extraEnvironment(service).forEach(spec::env);
        return spec.build();
    }

    private void datasource(ProcessSpec.Builder spec, String databaseName) {
        spec.env("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(databaseName))
                .env("QUARKUS_DATASOURCE_USERNAME", database.user());
        if (database.password() != null && !database.password().isEmpty()) {
            spec.env("QUARKUS_DATASOURCE_PASSWORD", database.password());
        }
    }

    private void adminOidc(ProcessSpec.Builder spec) {
        spec.env("QUARKUS_OIDC_AUTH_SERVER_URL", issuer.issuerUrl(LocalOidcIssuer.ADMIN))
                .env("QUARKUS_OIDC_TOKEN_AUDIENCE", LocalOidcIssuer.ADMIN_AUDIENCE);
    }

    private void step(String what, Callable<String> action) {
        ensureOpen();
        out.print("starting " + what + "… ");
        out.flush();
        long started = System.nanoTime();
        try {
            String result = action.call();
            out.printf(Locale.ROOT, "%s (%.1f s)%n", result, (System.nanoTime() - started) / 1e9);
        } catch (StartupException e) {
            out.println("FAILED");
            throw e;
        } catch (Exception e) {
            out.println("FAILED");
            throw new StartupException("could not start " + what + ": " + e, e);
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new StartupException("the suite is being stopped");
        }
    }

    /** Stops one service (e.g. to test that the data plane keeps serving without the control plane). */
    public void stopService(Service service) {
        ManagedProcess process = requireService(service);
        out.println("stopping " + service.displayName() + "…");
        process.stop(Duration.ofSeconds(15));
    }

    /**
     * Kills one service the hard way (SIGKILL, as {@code kill -9}: no shutdown hooks, nothing
     * flushed), as a crash would, and waits until it is gone. {@link #startService} starts it again.
     */
    public void killService(Service service) {
        ManagedProcess process = requireService(service);
        out.println("killing " + service.displayName() + " (kill -9)…");
        ProcessHandle handle = ProcessHandle.of(process.pid()).orElse(null);
        if (handle == null || !handle.isAlive()) {
            return;
        }
        handle.destroyForcibly();
        try {
            handle.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(service.module() + " (pid " + handle.pid() + ") did not exit after SIGKILL", e);
        }
    }

    /** Starts a stopped service again and waits until it is ready. */
    public void startService(Service service) {
        ManagedProcess process = requireService(service);
        step(service.displayName(), () -> {
            process.start();
            process.awaitReady();
            return readyText(service);
        });
    }

    /**
     * Starts one more data-plane replica, like the suite's data plane but with its own node id, ports, state
     * directory and log ({@code logs/data-plane-<nodeId>.log}), and waits until it is ready. It stops with the
     * suite. Returns its proxy URL.
     */
    /** Starts another data plane (own ports and state directory) on the suite's control plane; answers its proxy URL. */
    public synchronized String startDataPlaneReplica(String nodeId) {
        return startDataPlaneReplica(nodeId, grpcPort(Service.CONTROL_PLANE), Map.of());
    }

    /**
     * Starts another data plane that streams its config from the control plane listening on
     * {@code controlPlaneGrpcPort}, with extra environment {@code settings}.
     */
    public synchronized String startDataPlaneReplica(String nodeId, int controlPlaneGrpcPort, Map<String, String> settings) {
        Map<String, String> overrides = new HashMap<>(settings);
        overrides.put("GATEHOUSE_CONTROL_PLANE_GRPC_PORT", String.valueOf(controlPlaneGrpcPort));
        return startDataPlaneReplicas(Map.of(nodeId, overrides)).get(0).proxyUrl();
    }

    /**
     * Starts several more data planes at once (node id → extra environment, e.g. {@code GATEHOUSE_CONTROL_PLANE_TARGETS}),
     * each with its own ports and state directory, and waits until all are ready; in the order given.
     */
    public synchronized List<DataPlaneReplica> startDataPlaneReplicas(Map<String, Map<String, String>> nodes) {
        List<DataPlaneReplica> started = new ArrayList<>();
        List<PendingReplica> pending = new ArrayList<>();
        for (Map.Entry<String, Map<String, String>> node : nodes.entrySet()) {
            String nodeId = node.getKey();
            int proxyPort = SuitePorts.freePort();
            Path stateDir = options.workDir().resolve("data-plane-state-" + nodeId);
            Map<String, String> overrides = new HashMap<>(node.getValue());
            overrides.put("GATEHOUSE_PROXY_PORT", String.valueOf(proxyPort));
            overrides.put("GATEHOUSE_DATA_PLANE_ID", nodeId);
            overrides.put("GATEHOUSE_DATA_PLANE_STATE_DIR", stateDir.toString());
            PendingReplica replica = replicaProcess(Service.DATA_PLANE, nodeId, overrides, stateDir);
            pending.add(replica);
            started.add(new DataPlaneReplica(nodeId, "http://127.0.0.1:" + proxyPort, "http://127.0.0.1:" + replica.httpPort()));
        }
        startTogether(Service.DATA_PLANE, pending);
        return started;
    }

    /**
     * Starts another approval service on the same database (own HTTP and gRPC ports, log
     * {@code logs/approval-service-<name>.log}) and waits until it is ready.
     */
    public synchronized ApprovalServiceReplica startApprovalServiceReplica(String name) {
        int grpcPort = SuitePorts.freePort();
        int httpPort = startReplica(Service.APPROVAL_SERVICE, name, Map.of("QUARKUS_GRPC_SERVER_PORT", String.valueOf(grpcPort)), null);
        return new ApprovalServiceReplica("http://127.0.0.1:" + httpPort, grpcPort);
    }

    /**
     * Starts a second control plane on the same database, without the declarative config file (the
     * first one applied it; a replica applying it again would undo the admin API's changes).
     */
    public synchronized ControlPlaneReplica startControlPlaneReplica(String name) {
        int grpcPort = SuitePorts.freePort();
        int httpPort = startReplica(Service.CONTROL_PLANE, name, Map.of(
                "QUARKUS_GRPC_SERVER_PORT", String.valueOf(grpcPort),
                "GATEHOUSE_CONTROL_PLANE_CONFIG_FILE", ""), null);
        return new ControlPlaneReplica("http://127.0.0.1:" + httpPort, grpcPort);
    }

    /** Stops a replica started by {@link #startDataPlaneReplica} or {@link #startControlPlaneReplica}, by its name. */
    public synchronized void stopReplica(Service service, String name) {
        String processName = service.module() + "-" + name;
        for (ManagedProcess replica : List.copyOf(replicas)) {
            if (replica.spec().name().equals(processName)) {
                replica.stop(Duration.ofSeconds(15));
                replicas.remove(replica);
            }
        }
    }

    /**
     * Kills a replica the hard way (SIGKILL, as {@code kill -9}) and waits until it is gone; it is forgotten, as after
     * {@link #stopReplica}.
     */
    public synchronized void killReplica(Service service, String name) {
        String processName = service.module() + "-" + name;
        for (ManagedProcess replica : List.copyOf(replicas)) {
            if (replica.spec().name().equals(processName)) {
                out.println("killing " + service.displayName() + " replica " + name + " (kill -9)…");
                ProcessHandle.of(replica.pid()).ifPresent(handle -> {
                    handle.destroyForcibly();
                    try {
                        handle.onExit().get(15, java.util.concurrent.TimeUnit.SECONDS);
                    } catch (Exception e) {
                        throw new IllegalStateException(processName + " (pid " + handle.pid() + ") did not exit after SIGKILL", e);
                    }
                });
                replica.stop(Duration.ofSeconds(1)); // releases what the launcher holds for it
                replicas.remove(replica);
            }
        }
    }

    /** Where a control-plane replica listens. */
    public record ControlPlaneReplica(String httpUrl, int grpcPort) {
    }

    /** Where an approval-service replica listens. */
    public record ApprovalServiceReplica(String httpUrl, int grpcPort) {
    }

    /** A data-plane replica: its node id, proxy and management URLs. */
    public record DataPlaneReplica(String nodeId, String proxyUrl, String managementUrl) {
    }

    private record PendingReplica(String name, ManagedProcess process, int httpPort, Path stateDir) {
    }

    /** Starts {@code service} again with the primary's settings, a free HTTP port and {@code overrides}; answers the port. */
    private int startReplica(Service service, String name, Map<String, String> overrides, Path stateDir) {
        PendingReplica replica = replicaProcess(service, name, overrides, stateDir);
        startTogether(service, List.of(replica));
        return replica.httpPort();
    }

    /** Starts the processes of {@code pending} at once, then waits until each one is ready. */
    private void startTogether(Service service, List<PendingReplica> pending) {
        String names = String.join(", ", pending.stream().map(PendingReplica::name).toList());
        step(service.displayName() + (pending.size() == 1 ? " replica " : " replicas ") + names, () -> {
            for (PendingReplica replica : pending) {
                if (replica.stateDir() != null) {
                    Files.createDirectories(replica.stateDir());
                }
                replica.process().start();
            }
            for (PendingReplica replica : pending) {
                replica.process().awaitReady();
            }
            return String.join(", ", pending.stream().map(replica -> "http://127.0.0.1:" + replica.httpPort()).toList());
        });
    }

    /** A replica of {@code service} with the primary's settings, a free HTTP port and {@code overrides}; not started. */
    private PendingReplica replicaProcess(Service service, String name, Map<String, String> overrides, Path stateDir) {
        ensureOpen();
        ProcessSpec primary = requireService(service).spec();
        int httpPort = SuitePorts.freePort();
        ProcessSpec.Builder spec = ProcessSpec.builder(service.module() + "-" + name)
                .command(primary.command())
                .workingDirectory(primary.workingDirectory())
                .startTimeout(primary.startTimeout())
                .logFile(options.logsDir().resolve(service.module() + "-" + name + ".log"))
                .readinessUrl(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"));
        primary.environment().forEach(spec::env);
        spec.env("QUARKUS_HTTP_PORT", httpPort);
        overrides.forEach(spec::env);
        ManagedProcess replica = new ManagedProcess(spec.build());
        replicas.add(replica);
        return new PendingReplica(name, replica, httpPort, stateDir);
    }

    private ManagedProcess requireService(Service service) {
        ManagedProcess process = services.get(service);
        if (process == null) {
            throw new IllegalStateException(service.module() + " is not part of this suite (not built?)");
        }
        return process;
    }

    /** A table of what runs where. */
    public String summary() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"component", "URL", "log"});
        if (database != null) {
            rows.add(new String[] {"PostgreSQL", database.jdbcUrl(Database.CONTROL) + " , …/" + Database.APPROVAL, "-"});
        }
        if (issuer != null) {
            rows.add(new String[] {"OIDC issuer (workloads)", issuer.issuerUrl(LocalOidcIssuer.CI), relative(issuer.process().spec().logFile())});
            rows.add(new String[] {"OIDC issuer (admins)", issuer.issuerUrl(LocalOidcIssuer.ADMIN), relative(issuer.process().spec().logFile())});
        }
        if (upstream != null) {
            rows.add(new String[] {"demo upstream", upstream.baseUrl(), "(in the launcher)"});
        }
        for (Service service : Service.values()) {
            if (services.containsKey(service)) {
                if (service == Service.DATA_PLANE) {
                    rows.add(new String[] {"data plane (proxy)", proxyUrl(), relative(logFile(service))});
                    rows.add(new String[] {"data plane (management)", httpUrl(service), relative(logFile(service))});
                } else {
                    rows.add(new String[] {service.displayName(), httpUrl(service) + "  gRPC :" + options.ports().grpc(service),
                            relative(logFile(service))});
                    if (service == Service.CONTROL_PLANE) {
                        rows.add(new String[] {"web console", consoleUrl(), relative(logFile(service))});
                    }
                }
            } else if (skipped.contains(service)) {
                rows.add(new String[] {service.displayName(), "NOT BUILT", "-"});
            }
        }
        int[] widths = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder table = new StringBuilder();
        String format = "  %-" + widths[0] + "s  %-" + widths[1] + "s  %s%n";
        for (int r = 0; r < rows.size(); r++) {
            table.append(String.format(Locale.ROOT, format, (Object[]) rows.get(r)));
            if (r == 0) {
                table.append(String.format(Locale.ROOT, format, "-".repeat(widths[0]), "-".repeat(widths[1]), "-".repeat(widths[2])));
            }
        }
        return table.toString();
    }

    private String relative(Path path) {
        Path home = options.home();
        return path.startsWith(home) ? home.relativize(path).toString() : path.toString();
    }

    // ---- accessors for the demonstration and the tests

    public SuiteOptions options() {
        return options;
    }

    public boolean isRunning(Service service) {
        ManagedProcess process = services.get(service);
        return process != null && process.isAlive();
    }

    /** True once stopping has begun (Ctrl-C or close()). */
    public boolean isStopping() {
        return closed;
    }

    public boolean has(Service service) {
        return services.containsKey(service);
    }

    public ManagedProcess process(Service service) {
        return requireService(service);
    }

    public String httpUrl(Service service) {
        return "http://127.0.0.1:" + options.ports().http(service);
    }

    public int grpcPort(Service service) {
        return options.ports().grpc(service);
    }

    /** The web console; people sign in through the local issuer's login form (e.g. as alice). */
    public String consoleUrl() {
        return httpUrl(Service.CONTROL_PLANE) + "/console/";
    }

    public String proxyUrl() {
        return "http://127.0.0.1:" + options.ports().proxy();
    }

    public LocalOidcIssuer issuer() {
        return issuer;
    }

    public DemoUpstream upstream() {
        return upstream;
    }

    public Database database() {
        return database;
    }

    /** The demo resource's upstream credential, held by the vault broker's static store. */
    public String upstreamSecret() {
        return upstreamSecret;
    }

    /** The join tokens the data plane and the vault broker present to the control plane. */
    public List<String> joinTokens() {
        return List.of(dataPlaneJoinToken, brokerJoinToken, approvalJoinToken);
    }

    public Path workDir() {
        return options.workDir();
    }

    public Path logsDir() {
        return options.logsDir();
    }

    public Path logFile(Service service) {
        return options.logsDir().resolve(service.module() + ".log");
    }

    public Path configFile() {
        return options.workDir().resolve(CONFIG_FILE);
    }

    public Path secretStoreFile() {
        return options.workDir().resolve(SECRET_STORE_FILE);
    }

    public Path dataPlaneStateDir() {
        return options.workDir().resolve("data-plane-state");
    }

    /** Stops everything this suite started, in reverse order. */
    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down; the hook runs (or ran) anyway
        }
    }

    private synchronized void stopAll() {
        if (closed && services.isEmpty() && issuer == null && upstream == null && database == null) {
            return;
        }
        closed = true;
        for (ManagedProcess replica : replicas) {
            try {
                replica.stop(Duration.ofSeconds(15));
            } catch (RuntimeException e) {
                out.println("could not stop " + replica.spec().name() + ": " + e);
            }
        }
        replicas.clear();
        List<Service> order = new ArrayList<>(services.keySet());
        java.util.Collections.reverse(order);
        boolean any = !order.isEmpty() || issuer != null || upstream != null || database != null;
        if (any) {
            out.println("stopping the Gatehouse suite…");
        }
        for (Service service : order) {
            ManagedProcess process = services.remove(service);
            try {
                process.stop(Duration.ofSeconds(15));
            } catch (RuntimeException e) {
                out.println("could not stop " + service.module() + ": " + e);
            }
        }
        if (upstream != null) {
            upstream.close();
            upstream = null;
        }
        if (issuer != null) {
            issuer.close();
            issuer = null;
        }
        if (database != null) {
            database.close();
            database = null;
        }
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException e) {
            // harmless: the next start checks the command lines
        }
        if (any) {
            out.println("stopped.");
        }
    }

    private static Path javaExecutable() {
        Path home = Path.of(System.getProperty("java.home"));
        Path java = home.resolve("bin").resolve(System.getProperty("os.name", "").toLowerCase(Locale.ROOT).contains("win") ? "java.exe" : "java");
        return Files.isExecutable(java) ? java : Path.of("java");
    }

    private static String randomToken() {
        byte[] bytes = new byte[24];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
