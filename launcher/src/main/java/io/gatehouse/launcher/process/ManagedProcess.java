package io.gatehouse.launcher.process;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * One child process of the suite: started with its own environment, its stdout and stderr appended
 * to a log file, considered ready when its readiness URL answers 200, and stopped together with
 * every process it started.
 */
public final class ManagedProcess implements AutoCloseable {

    /** How many log lines a failure report shows. */
    public static final int TAIL_LINES = 40;

    private static final HttpClient HTTP = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(1))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private static final com.fasterxml.jackson.databind.ObjectMapper JSON = new com.fasterxml.jackson.databind.ObjectMapper();

    private final ProcessSpec spec;
    private volatile Process process;

    public ManagedProcess(ProcessSpec spec) {
        this.spec = spec;
    }

    public ProcessSpec spec() {
        return spec;
    }

    public String name() {
        return spec.name();
    }

    /** Starts the process (again, if it was stopped). Output is appended to the log file. */
    public synchronized void start() {
        if (isAlive()) {
            throw new IllegalStateException(name() + " is already running (pid " + process.pid() + ")");
        }
        try {
            Files.createDirectories(spec.logFile().toAbsolutePath().getParent());
            Files.writeString(spec.logFile(),
                    "==== gatehouse launcher: starting " + name() + " at " + Instant.now() + System.lineSeparator(),
                    StandardCharsets.UTF_8,
                    java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
            ProcessBuilder builder = new ProcessBuilder(spec.command())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(spec.logFile().toFile()))
                    .redirectInput(ProcessBuilder.Redirect.PIPE);
            if (spec.workingDirectory() != null) {
                builder.directory(spec.workingDirectory().toFile());
            }
            builder.environment().putAll(spec.environment());
            process = builder.start();
            process.getOutputStream().close();
        } catch (IOException e) {
            throw new StartupException("could not start " + name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until the readiness URL answers 200. Fails at once if the process exits, and after the
     * spec's start timeout otherwise; the exception message carries the last log lines.
     */
    public void awaitReady() {
        Instant deadline = Instant.now().plus(spec.startTimeout());
        String lastProblem = "no answer yet";
        while (true) {
            Process current = process;
            if (current == null) {
                throw new StartupException(name() + " was not started");
            }
            if (!current.isAlive()) {
                int exit = waitForExitCode(current);
                throw new StartupException(name() + " exited with code " + exit + " while starting."
                        + failureDetails());
            }
            try {
                HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(spec.readinessUrl())
                                .timeout(Duration.ofSeconds(3)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
                lastProblem = "HTTP " + response.statusCode() + " " + abbreviate(response.body());
            } catch (ConnectException e) {
                lastProblem = "connection refused";
            } catch (IOException e) {
                lastProblem = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new StartupException("interrupted while waiting for " + name());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new StartupException(name() + " was not ready within " + spec.startTimeout().toSeconds()
                        + " s (" + spec.readinessUrl() + ": " + lastProblem + ")." + failureDetails());
            }
            sleep(300);
        }
    }

    private String failureDetails() {
        return System.lineSeparator() + "Last " + TAIL_LINES + " lines of " + spec.logFile() + ":"
                + System.lineSeparator() + tail(TAIL_LINES).stream()
                .map(line -> "  | " + readable(line))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    private static int waitForExitCode(Process process) {
        try {
            process.waitFor(5, TimeUnit.SECONDS);
            return process.exitValue();
        } catch (InterruptedException | IllegalThreadStateException e) {
            return -1;
        }
    }

    public boolean isAlive() {
        Process current = process;
        return current != null && current.isAlive();
    }

    public long pid() {
        Process current = process;
        return current == null ? -1 : current.pid();
    }

    /**
     * Stops the process and everything it started: a polite termination first, then, after the
     * grace period, a forced one.
     */
    public synchronized void stop(Duration grace) {
        Process current = process;
        if (current == null) {
            return;
        }
        List<ProcessHandle> descendants = current.descendants().collect(Collectors.toCollection(ArrayList::new));
        current.destroy();
        descendants.forEach(ProcessHandle::destroy);
        try {
            if (!current.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                current.destroyForcibly();
                current.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        for (ProcessHandle descendant : descendants) {
            if (descendant.isAlive()) {
                try {
                    descendant.onExit().get(2, TimeUnit.SECONDS);
                } catch (Exception e) {
                    descendant.destroyForcibly();
                }
            }
        }
    }

    @Override
    public void close() {
        stop(Duration.ofSeconds(10));
    }

    /** The last lines of the log file (the whole file if it is shorter). */
    public List<String> tail(int lines) {
        return tail(spec.logFile(), lines);
    }

    public static List<String> tail(Path file, int lines) {
        if (!Files.exists(file)) {
            return List.of("(no log file)");
        }
        try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
            long length = in.length();
            long from = Math.max(0, length - 256 * 1024);
            in.seek(from);
            byte[] bytes = new byte[(int) (length - from)];
            in.readFully(bytes);
            // "Reporting health down status" lines are caused by the launcher's own readiness probes: noise here
            List<String> all = Arrays.stream(new String(bytes, StandardCharsets.UTF_8).split("\\R"))
                    .filter(line -> !line.contains("SRHCK01001"))
                    .toList();
            return all.subList(Math.max(0, all.size() - lines), all.size());
        } catch (IOException e) {
            return List.of("(could not read " + file + ": " + e.getMessage() + ")");
        }
    }

    /** Quarkus JSON log lines shown as "time LEVEL logger: message" (plus the stack trace, if any). */
    static String readable(String line) {
        if (!line.startsWith("{\"")) {
            return line;
        }
        try {
            com.fasterxml.jackson.databind.JsonNode json = JSON.readTree(line);
            if (!json.has("message")) {
                return line;
            }
            StringBuilder text = new StringBuilder()
                    .append(json.path("timestamp").asText("")).append(' ')
                    .append(json.path("level").asText("")).append(' ')
                    .append(json.path("loggerName").asText("")).append(": ")
                    .append(json.path("message").asText(""));
            for (com.fasterxml.jackson.databind.JsonNode exception = json.path("exception"); exception.isObject();
                 exception = exception.path("causedBy").path("exception")) {
                String message = exception.path("message").asText("");
                if (message.length() > 600) {
                    message = message.substring(0, 600) + "…";
                }
                text.append(System.lineSeparator()).append("  |   ")
                        .append(exception == json.path("exception") ? "" : "caused by ")
                        .append(exception.path("exceptionType").asText("?")).append(": ")
                        .append(message.replace("\n", System.lineSeparator() + "  |     "));
            }
            String trace = json.path("stackTrace").asText("");
            if (!trace.isEmpty()) {
                text.append(System.lineSeparator()).append("  |   ")
                        .append(trace.strip().replace("\n", System.lineSeparator() + "  |   "));
            }
            return text.toString();
        } catch (IOException | RuntimeException e) {
            return line;
        }
    }

    private static String abbreviate(String text) {
        String flat = text == null ? "" : text.replaceAll("\\s+", " ");
        return flat.length() > 200 ? flat.substring(0, 200) + "…" : flat;
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StartupException("interrupted");
        }
    }
}
