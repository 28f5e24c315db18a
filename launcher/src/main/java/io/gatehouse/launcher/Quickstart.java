package io.gatehouse.launcher;

import io.gatehouse.launcher.process.StartupException;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.suite.SuiteOptions;
import io.gatehouse.launcher.suite.SuitePorts;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.Callable;

/** Starts the whole Gatehouse suite on this machine and demonstrates it. */
@Command(name = "quickstart.sh", mixinStandardHelpOptions = true, version = "Gatehouse 0.1.0-SNAPSHOT",
        description = {
                "Starts the whole Gatehouse suite on this machine: PostgreSQL (embedded unless --database-url is given), "
                        + "a local OIDC issuer, a demo upstream API, the vault broker, control plane, approval service "
                        + "and data plane; then demonstrates a proxied, masked, audited call and a call that waits for "
                        + "a human approval. Stop with Ctrl-C.", ""},
        sortOptions = false)
public final class Quickstart implements Callable<Integer> {

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Data, logs and generated config (default: .gatehouse/ in the repository).")
    Path workDir;

    @Option(names = "--home", paramLabel = "DIR", description = "The Gatehouse repository (default: found from the current directory).")
    Path home;

    @Option(names = "--database-url", paramLabel = "JDBC_URL",
            description = "Use this PostgreSQL server instead of the embedded one, e.g. jdbc:postgresql://db:5432/postgres."
                    + " The databases gatehouse_control and gatehouse_approval are created on it.")
    String databaseUrl;

    @Option(names = "--database-user", paramLabel = "USER", defaultValue = "postgres",
            description = "User for --database-url (default: ${DEFAULT-VALUE}).")
    String databaseUser;

    @Option(names = "--database-password", paramLabel = "PASSWORD", defaultValue = "",
            description = "Password for --database-url (also from env GATEHOUSE_DATABASE_PASSWORD).")
    String databasePassword;

    @Option(names = "--proxy-port", paramLabel = "PORT", defaultValue = "8080",
            description = "Port of the data plane's proxy (default: ${DEFAULT-VALUE}).")
    int proxyPort;

    @Option(names = "--free-ports", description = "Use free ports for everything instead of the fixed defaults.")
    boolean freePorts;

    @Option(names = "--start-timeout", paramLabel = "SECONDS", defaultValue = "180",
            description = "How long each service may take to become ready (default: ${DEFAULT-VALUE}).")
    int startTimeoutSeconds;

    @Option(names = "--env", paramLabel = "SERVICE:KEY=VALUE",
            description = "An extra environment variable for one service, e.g. data-plane:QUARKUS_LOG_LEVEL=DEBUG (repeatable).")
    java.util.List<String> extraEnv = new java.util.ArrayList<>();

    @Option(names = "--no-demo", description = "Only start the suite; skip the demonstration.")
    boolean noDemo;

    @Option(names = "--exit-after-demo",
            description = "Stop everything after the demonstration and exit (0 if it went as expected) — for scripted runs.")
    boolean exitAfterDemo;

    private final PrintStream out = System.out;

    public static void main(String[] args) {
        // returns only for --help, errors and --exit-after-demo: a running suite waits for Ctrl-C inside call()
        System.exit(new CommandLine(new Quickstart()).execute(args));
    }

    @Override
    public Integer call() throws Exception {
        Path repository = home != null ? home.toAbsolutePath().normalize() : SuiteOptions.findHome();
        SuiteOptions options = SuiteOptions.quickstart(repository);
        if (workDir != null) {
            options.workDir(workDir);
        }
        if (freePorts) {
            options.ports(SuitePorts.free());
        } else {
            options.ports().withProxy(proxyPort);
        }
        if (databaseUrl != null) {
            String password = databasePassword.isEmpty() ? System.getenv().getOrDefault("GATEHOUSE_DATABASE_PASSWORD", "")
                    : databasePassword;
            options.database(databaseUrl, databaseUser, password);
        }
        options.serviceStartTimeout(Duration.ofSeconds(startTimeoutSeconds));
        for (String env : extraEnv) {
            int colon = env.indexOf(':');
            int equals = env.indexOf('=', colon + 1);
            Service service = colon < 0 ? null : java.util.Arrays.stream(Service.values())
                    .filter(s -> s.module().equals(env.substring(0, colon))).findFirst().orElse(null);
            if (service == null || equals < 0) {
                throw new CommandLine.ParameterException(new CommandLine(this),
                        "--env wants SERVICE:KEY=VALUE with SERVICE one of vault-broker, control-plane, approval-service, data-plane: " + env);
            }
            options.env(service, env.substring(colon + 1, equals), env.substring(equals + 1));
        }

        out.println("Gatehouse quickstart — work directory " + options.workDir());
        Suite suite;
        try {
            suite = Suite.start(options, out);
        } catch (StartupException e) {
            System.err.println();
            System.err.println("Gatehouse did not start: " + e.getMessage());
            System.err.println("Logs: " + options.logsDir());
            return 1;
        }

        out.println();
        out.println("Gatehouse suite:");
        out.print(suite.summary());
        out.println("  config: " + suite.configFile() + "   secret store: " + suite.secretStoreFile() + " (0600)");
        if (suite.has(Service.CONTROL_PLANE)) {
            out.println("  web console: " + suite.consoleUrl() + "  (sign in with user name alice: admin and approver)");
        }

        boolean demoOk = true;
        if (!noDemo) {
            demoOk = new QuickstartDemo(suite, out).run();
            out.println();
            out.println(demoOk ? "The demonstration went as expected."
                    : "The demonstration did not go as expected (see above and the logs in " + suite.logsDir() + ").");
        }
        if (exitAfterDemo) {
            suite.close();
            return demoOk ? 0 : 2;
        }
        out.println();
        out.println("Gatehouse is running. Press Ctrl-C to stop.");
        watch(suite);
        return 0;
    }

    /** Reports a service that dies while the suite runs; returns only when the JVM exits. */
    private void watch(Suite suite) throws InterruptedException {
        Set<Service> reported = EnumSet.noneOf(Service.class);
        while (!suite.isStopping()) {
            Thread.sleep(2000);
            for (Service service : Service.values()) {
                if (suite.has(service) && !suite.isRunning(service) && !reported.contains(service)) {
                    Thread.sleep(1000); // Ctrl-C reaches the children too: not news when the suite is stopping
                    if (suite.isStopping()) {
                        return;
                    }
                    reported.add(service);
                    out.println("! the " + service.displayName() + " stopped; see " + suite.logFile(service));
                }
            }
        }
    }
}
