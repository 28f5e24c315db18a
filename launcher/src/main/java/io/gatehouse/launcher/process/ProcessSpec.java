package io.gatehouse.launcher.process;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run as a child process: command line, environment, where its output goes and how to
 * tell that it is ready (an HTTP URL that answers 200).
 */
public final class ProcessSpec {

    private final String name;
    private final List<String> command;
    private final Map<String, String> environment;
    private final Path workingDirectory;
    private final Path logFile;
    private final URI readinessUrl;
    private final Duration startTimeout;

    private ProcessSpec(Builder builder) {
        this.name = Objects.requireNonNull(builder.name, "name");
        this.command = List.copyOf(Objects.requireNonNull(builder.command, "command"));
        this.environment = Map.copyOf(builder.environment);
        this.workingDirectory = builder.workingDirectory;
        this.logFile = Objects.requireNonNull(builder.logFile, "logFile");
        this.readinessUrl = Objects.requireNonNull(builder.readinessUrl, "readinessUrl");
        this.startTimeout = builder.startTimeout;
    }

    public static Builder builder(String name) {
        return new Builder(name);
    }

    public String name() {
        return name;
    }

    public List<String> command() {
        return command;
    }

    public Map<String, String> environment() {
        return environment;
    }

    public Path workingDirectory() {
        return workingDirectory;
    }

    public Path logFile() {
        return logFile;
    }

    public URI readinessUrl() {
        return readinessUrl;
    }

    public Duration startTimeout() {
        return startTimeout;
    }

    public static final class Builder {
        private final String name;
        private List<String> command;
        private final Map<String, String> environment = new LinkedHashMap<>();
        private Path workingDirectory;
        private Path logFile;
        private URI readinessUrl;
        private Duration startTimeout = Duration.ofSeconds(120);

        private Builder(String name) {
            this.name = name;
        }

        public Builder command(List<String> command) {
            this.command = command;
            return this;
        }

        public Builder env(String key, Object value) {
            if (value != null) {
                environment.put(key, String.valueOf(value));
            }
            return this;
        }

        public Builder workingDirectory(Path directory) {
            this.workingDirectory = directory;
            return this;
        }

        public Builder logFile(Path logFile) {
            this.logFile = logFile;
            return this;
        }

        public Builder readinessUrl(URI url) {
            this.readinessUrl = url;
            return this;
        }

        public Builder startTimeout(Duration timeout) {
            this.startTimeout = timeout;
            return this;
        }

        public ProcessSpec build() {
            return new ProcessSpec(this);
        }
    }
}
