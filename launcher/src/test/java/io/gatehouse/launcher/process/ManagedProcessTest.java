package io.gatehouse.launcher.process;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ManagedProcessTest {

    @TempDir
    Path dir;

    @Test
    void processThatDiesWhileStartingIsReportedWithItsExitCodeAndLog() {
        ManagedProcess process = new ManagedProcess(ProcessSpec.builder("dying")
                .command(List.of("sh", "-c", "echo 'port already in use' >&2; exit 3"))
                .logFile(dir.resolve("logs/dying.log"))
                .readinessUrl(URI.create("http://127.0.0.1:9/q/health/ready"))
                .startTimeout(Duration.ofSeconds(30))
                .build());
        process.start();
        long started = System.nanoTime();
        StartupException failure = assertThrows(StartupException.class, process::awaitReady);
        assertTrue(System.nanoTime() - started < Duration.ofSeconds(10).toNanos(), "reported at once");
        assertTrue(failure.getMessage().contains("exited with code 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("port already in use"), failure.getMessage());
    }

    @Test
    void processThatNeverGetsReadyTimesOutAndIsStoppedWithItsChildren() throws Exception {
        ManagedProcess process = new ManagedProcess(ProcessSpec.builder("sleepy")
                .command(List.of("sh", "-c", "sleep 60 & sleep 60; wait"))
                .logFile(dir.resolve("sleepy.log"))
                .readinessUrl(URI.create("http://127.0.0.1:9/q/health/ready"))
                .startTimeout(Duration.ofSeconds(1))
                .build());
        process.start();
        Thread.sleep(300);
        List<ProcessHandle> children = ProcessHandle.of(process.pid()).orElseThrow().descendants().toList();
        StartupException failure = assertThrows(StartupException.class, process::awaitReady);
        assertTrue(failure.getMessage().contains("was not ready within 1 s"), failure.getMessage());
        process.stop(Duration.ofSeconds(2));
        assertFalse(process.isAlive());
        assertFalse(children.isEmpty(), "the shell started children");
        for (ProcessHandle child : children) {
            assertFalse(child.isAlive(), "child " + child.pid() + " stopped too");
        }
    }

    @Test
    void jsonLogLinesAreShownReadably() {
        String line = "{\"timestamp\":\"2026-01-01T00:00:00Z\",\"level\":\"ERROR\",\"loggerName\":\"io.quarkus\","
                + "\"message\":\"Failed to start\",\"stackTrace\":\"java.lang.IllegalStateException: boom\\n\\tat X.y(X.java:1)\"}";
        String readable = ManagedProcess.readable(line);
        assertTrue(readable.startsWith("2026-01-01T00:00:00Z ERROR io.quarkus: Failed to start"), readable);
        assertTrue(readable.contains("IllegalStateException: boom"), readable);
    }
}
