package io.gatehouse.it.support;

import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.suite.SuiteOptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.fail;

/**
 * The suite under test: started once per test JVM (free ports, a fresh work directory), shared by
 * every test class, stopped when the JVM exits.
 */
public final class GatehouseSuite {

    /** The node id of the second data-plane replica that scenarios about several replicas share. */
    public static final String SECOND_DATA_PLANE_ID = "it-dp-2";

    private static Suite suite;
    private static RuntimeException startFailure;
    private static String secondDataPlaneProxy;

    private GatehouseSuite() {
    }

    /** The running suite; starts it on first use. A failed start fails every test with the same reason. */
    public static synchronized Suite get() {
        if (startFailure != null) {
            throw new IllegalStateException("the Gatehouse suite did not start (see the first failure)", startFailure);
        }
        if (suite == null) {
            try {
                suite = Suite.start(options(), System.out);
                System.out.println(suite.summary());
            } catch (RuntimeException e) {
                startFailure = e;
                throw e;
            }
        }
        return suite;
    }

    /** Fails the test unless the service is part of the suite (built) and running. */
    public static Suite require(Service... services) {
        Suite running = get();
        for (Service service : services) {
            if (!running.has(service)) {
                fail(service.module() + " is not built: " + running.options().serviceJar(service)
                        + " is missing (./mvnw -B -q install -DskipTests)");
            }
            if (!running.isRunning(service)) {
                fail(service.module() + " is not running; see " + running.logFile(service));
            }
        }
        return running;
    }

    /** Every service, the usual precondition of an end-to-end scenario. */
    public static Suite requireAll() {
        return require(Service.values());
    }

    /**
     * The proxy URL of a second data-plane replica ({@link #SECOND_DATA_PLANE_ID}) on the same control
     * plane, started on first use and kept for the rest of the run.
     */
    public static synchronized String secondDataPlane() {
        Suite running = requireAll();
        if (secondDataPlaneProxy == null) {
            secondDataPlaneProxy = running.startDataPlaneReplica(SECOND_DATA_PLANE_ID);
        }
        return secondDataPlaneProxy;
    }

    private static SuiteOptions options() {
        Path home = SuiteOptions.findHome();
        Path workDir;
        try {
            String configured = System.getProperty("gatehouse.it.work-dir");
            if (configured != null && !configured.isBlank()) {
                workDir = Path.of(configured);
                deleteRecursively(workDir);
                Files.createDirectories(workDir);
            } else {
                workDir = Files.createTempDirectory("gatehouse-it-");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long timeout = Long.getLong("gatehouse.it.start-timeout", 180);
        return SuiteVault.configure(SuiteOptions.forTests(home, workDir).serviceStartTimeout(Duration.ofSeconds(timeout)));
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
    }
}
