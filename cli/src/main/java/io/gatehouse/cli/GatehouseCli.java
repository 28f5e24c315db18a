package io.gatehouse.cli;

import io.gatehouse.cli.failure.ErrorReporter;
import io.gatehouse.cli.failure.SecretRedactor;
import io.gatehouse.cli.settings.Environment;
import picocli.CommandLine;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** Entry point of the {@code gatehouse} command. */
public final class GatehouseCli {

    private GatehouseCli() {
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        System.exit(execute(Environment.system(), out, err, args));
    }

    /** Runs one command line with these environment variables and streams (in-process, e.g. in tests). */
    public static int execute(Map<String, String> environment, PrintWriter out, PrintWriter err, String... args) {
        return execute(Environment.of(environment), out, err, args);
    }

    static int execute(Environment environment, PrintWriter out, PrintWriter err, String... args) {
        try {
            return commandLine(environment, out, err).execute(args);
        } finally {
            out.flush();
            err.flush();
        }
    }

    static CommandLine commandLine(Environment environment, PrintWriter out, PrintWriter err) {
        SecretRedactor redactor = new SecretRedactor();
        GatehouseCommand root = new GatehouseCommand(environment, redactor);
        return new CommandLine(root)
                .setOut(out)
                .setErr(err)
                .setCaseInsensitiveEnumValuesAllowed(true)
                .setExecutionExceptionHandler(new ErrorReporter(redactor, root::debug));
    }
}
