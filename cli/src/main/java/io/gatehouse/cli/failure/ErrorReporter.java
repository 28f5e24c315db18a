package io.gatehouse.cli.failure;

import io.gatehouse.cli.http.ApiException;
import io.gatehouse.cli.http.ProblemDetails;
import io.gatehouse.cli.http.ServerUnreachableException;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;

/**
 * Turns whatever ended a command into plain lines on stderr and an {@link ExitCodes exit code}: the service's
 * problem {@code detail}, then each {@code errors[].path: message}. No stack trace unless {@code --debug}. Every
 * line passes through the {@link SecretRedactor}.
 */
public final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    private final SecretRedactor redactor;
    private final BooleanSupplier debug;

    public ErrorReporter(SecretRedactor redactor, BooleanSupplier debug) {
        this.redactor = redactor;
        this.debug = debug;
    }

    @Override
    public int handleExecutionException(Exception exception, CommandLine command, CommandLine.ParseResult parseResult) {
        CliFailure failure = describe(exception);
        PrintWriter err = command.getErr();
        for (String line : failure.lines()) {
            err.println(redactor.redact(line));
        }
        if (debug.getAsBoolean()) {
            StringWriter trace = new StringWriter();
            exception.printStackTrace(new PrintWriter(trace));
            err.print(redactor.redact(trace.toString()));
        }
        err.flush();
        return failure.exitCode();
    }

    /** What the user is told about this exception, and the exit code. */
    public static CliFailure describe(Throwable exception) {
        if (exception instanceof CliFailure failure) {
            return failure;
        }
        if (exception instanceof ApiException api) {
            ProblemDetails problem = api.problem();
            List<String> lines = new ArrayList<>();
            lines.add("error: " + problem.detail());
            problem.errors().forEach(error -> lines.add("  " + error));
            return new CliFailure(ExitCodes.forHttpStatus(api.status()), lines, api);
        }
        if (exception instanceof ServerUnreachableException unreachable) {
            return new CliFailure(ExitCodes.UNAVAILABLE, List.of("error: " + unreachable.getMessage()), unreachable);
        }
        String message = exception.getMessage() == null ? exception.getClass().getSimpleName() : exception.getMessage();
        return new CliFailure(ExitCodes.FAILED, List.of("error: " + message, "(run with --debug for the stack trace)"), exception);
    }
}
