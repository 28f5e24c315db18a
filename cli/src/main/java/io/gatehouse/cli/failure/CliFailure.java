package io.gatehouse.cli.failure;

import java.util.List;

/**
 * A failure the user is told about in plain lines on stderr (never with a stack trace unless {@code --debug}),
 * ending the command with {@link #exitCode()}.
 */
public class CliFailure extends RuntimeException {

    private final int exitCode;
    private final List<String> lines;

    public CliFailure(int exitCode, String message) {
        this(exitCode, List.of(message), null);
    }

    public CliFailure(int exitCode, List<String> lines, Throwable cause) {
        super(String.join("; ", lines), cause);
        if (lines.isEmpty()) {
            throw new IllegalArgumentException("a failure needs at least one line to tell the user");
        }
        this.exitCode = exitCode;
        this.lines = List.copyOf(lines);
    }

    public int exitCode() {
        return exitCode;
    }

    /** What to print, one line each; the first is the summary. */
    public List<String> lines() {
        return lines;
    }
}
