package io.gatehouse.it.support;

import io.gatehouse.cli.GatehouseCli;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.Map;

/** Runs the {@code gatehouse} CLI in-process against the running suite, with a token from the environment. */
public final class CliRunner {

    private CliRunner() {
    }

    public static Run gatehouse(Suite suite, String token, String... args) {
        Map<String, String> environment = Map.of(
                "GATEHOUSE_TOKEN", token,
                "GATEHOUSE_CONTROL_PLANE_URL", suite.httpUrl(Service.CONTROL_PLANE),
                "GATEHOUSE_APPROVALS_URL", suite.httpUrl(Service.APPROVAL_SERVICE));
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exitCode = GatehouseCli.execute(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    /** What one CLI run printed and how it exited. */
    public record Run(int exitCode, String out, String err) {
        @Override
        public String toString() {
            return "gatehouse exited " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
        }
    }
}
