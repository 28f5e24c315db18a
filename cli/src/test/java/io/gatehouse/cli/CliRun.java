package io.gatehouse.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.HashMap;
import java.util.Map;

/** Runs the CLI in-process with a given environment and captures what it printed. */
record CliRun(int exitCode, String out, String err) {

    static final String TOKEN = "eyJhbGciOiJSUzI1NiJ9.test-token-value.signature-part";

    /** With {@code GATEHOUSE_TOKEN} set and both services pointing at the stub. */
    static CliRun against(StubServer stub, String... args) {
        Map<String, String> environment = new HashMap<>();
        environment.put("GATEHOUSE_TOKEN", TOKEN);
        environment.put("GATEHOUSE_CONTROL_PLANE_URL", stub.url());
        environment.put("GATEHOUSE_APPROVALS_URL", stub.url());
        return with(environment, args);
    }

    static CliRun with(Map<String, String> environment, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = GatehouseCli.execute(environment, new PrintWriter(out), new PrintWriter(err), args);
        return new CliRun(code, out.toString(), err.toString());
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- stdout\n" + out + "--- stderr\n" + err;
    }
}
