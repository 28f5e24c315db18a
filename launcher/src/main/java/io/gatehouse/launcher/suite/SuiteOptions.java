package io.gatehouse.launcher.suite;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** How to start a suite: where the repository and the work directory are, ports, database. */
public final class SuiteOptions {

    /** Default JVM options of the service processes: small heaps, fast start. */
    public static final List<String> DEFAULT_SERVICE_JAVA_OPTIONS =
            List.of("-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private Path home;
    private Path workDir;
    private SuitePorts ports = SuitePorts.defaults();
    private String databaseUrl;
    private String databaseUser;
    private String databasePassword;
    private Duration serviceStartTimeout = Duration.ofSeconds(180);
    private List<String> serviceJavaOptions = DEFAULT_SERVICE_JAVA_OPTIONS;
    private boolean skipMissingServices = true;
    private boolean keepDatabaseData = true;
    private final java.util.Map<Service, java.util.Map<String, String>> extraEnvironment = new java.util.EnumMap<>(Service.class);
    private String extraResources = "";
    private String extraGrants = "";

    /** Options for the quickstart: the fixed ports, work directory {@code .gatehouse/} in the repository. */
    public static SuiteOptions quickstart(Path home) {
        SuiteOptions options = new SuiteOptions();
        options.home = home.toAbsolutePath().normalize();
        options.workDir = options.home.resolve(".gatehouse");
        return options;
    }

    /** Options for tests: free ports, the given (temporary) work directory. */
    public static SuiteOptions forTests(Path home, Path workDir) {
        SuiteOptions options = new SuiteOptions();
        options.home = home.toAbsolutePath().normalize();
        options.workDir = workDir.toAbsolutePath().normalize();
        options.ports = SuitePorts.free();
        options.keepDatabaseData = false;
        return options;
    }

    /**
     * Finds the repository root: the system property {@code gatehouse.home}, else the first
     * directory upwards from the current one that holds {@code launcher/oidc-issuer/pom.xml}.
     */
    public static Path findHome() {
        String property = System.getProperty("gatehouse.home");
        if (property != null && !property.isBlank()) {
            return Path.of(property).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path candidate = dir; candidate != null; candidate = candidate.getParent()) {
            if (Files.exists(candidate.resolve("launcher/oidc-issuer/pom.xml"))) {
                return candidate;
            }
        }
        throw new IllegalStateException("cannot find the Gatehouse repository from " + dir
                + "; run from inside it or set -Dgatehouse.home=<repository root>");
    }

    public Path home() {
        return home;
    }

    public Path workDir() {
        return workDir;
    }

    public SuitePorts ports() {
        return ports;
    }

    public String databaseUrl() {
        return databaseUrl;
    }

    public String databaseUser() {
        return databaseUser;
    }

    public String databasePassword() {
        return databasePassword;
    }

    public Duration serviceStartTimeout() {
        return serviceStartTimeout;
    }

    public List<String> serviceJavaOptions() {
        return serviceJavaOptions;
    }

    public boolean skipMissingServices() {
        return skipMissingServices;
    }

    public boolean keepDatabaseData() {
        return keepDatabaseData;
    }

    public SuiteOptions workDir(Path workDir) {
        this.workDir = workDir.toAbsolutePath().normalize();
        return this;
    }

    public SuiteOptions ports(SuitePorts ports) {
        this.ports = Objects.requireNonNull(ports);
        return this;
    }

    /** An external PostgreSQL server instead of the embedded one (any database on it; the launcher creates its own). */
    public SuiteOptions database(String jdbcUrl, String user, String password) {
        this.databaseUrl = jdbcUrl;
        this.databaseUser = user;
        this.databasePassword = password;
        return this;
    }

    public SuiteOptions serviceStartTimeout(Duration timeout) {
        this.serviceStartTimeout = timeout;
        return this;
    }

    public SuiteOptions serviceJavaOptions(List<String> options) {
        this.serviceJavaOptions = List.copyOf(options);
        return this;
    }

    /** When true (default), a service whose quarkus-run.jar is not built is skipped with a warning; else it is an error. */
    public SuiteOptions skipMissingServices(boolean skip) {
        this.skipMissingServices = skip;
        return this;
    }

    /** An extra environment variable for one service (applied after the launcher's own, so it can override them). */
    public SuiteOptions env(Service service, String key, String value) {
        extraEnvironment.computeIfAbsent(service, s -> new java.util.LinkedHashMap<>()).put(key, value);
        return this;
    }

    /**
     * Resources and grants added to the demo declarative config, as YAML list items indented by two spaces
     * (tests use it for resources backed by their own stand-ins). {@code {expires}} is replaced by a date
     * 180 days ahead.
     */
    public SuiteOptions extraConfig(String resources, String grants) {
        this.extraResources = resources;
        this.extraGrants = grants;
        return this;
    }

    public String extraResources() {
        return extraResources;
    }

    public String extraGrants() {
        return extraGrants;
    }

    public java.util.Map<String, String> extraEnvironment(Service service) {
        return extraEnvironment.getOrDefault(service, java.util.Map.of());
    }

    public Path logsDir() {
        return workDir.resolve("logs");
    }

    public Path serviceJar(Service service) {
        return home.resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path oidcIssuerClasspath() {
        return home.resolve("launcher/oidc-issuer/target/lib");
    }
}
