package io.gatehouse.cli;

import io.gatehouse.cli.failure.SecretRedactor;
import io.gatehouse.cli.http.ApiClient;
import io.gatehouse.cli.output.ResultPrinter;
import io.gatehouse.cli.settings.BearerToken;
import io.gatehouse.cli.settings.ConnectionSettings;
import io.gatehouse.cli.settings.TokenSource;

import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * What a subcommand works with: the two services' API clients (sharing one HTTP client and the token, which is
 * read only when the first request is made), the result printer and the terminal's streams.
 */
public final class CliContext {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);

    private final ConnectionSettings settings;
    private final ResultPrinter printer;
    private final PrintWriter out;
    private final Supplier<BearerToken> token;
    private HttpClient http;
    private ApiClient controlPlane;
    private ApiClient approvals;

    CliContext(ConnectionSettings settings, TokenSource tokens, ResultPrinter printer, PrintWriter out, SecretRedactor redactor) {
        this.settings = settings;
        this.printer = printer;
        this.out = out;
        this.token = new Supplier<>() {
            private BearerToken resolved;

            @Override
            public synchronized BearerToken get() {
                if (resolved == null) {
                    resolved = tokens.resolve();
                    redactor.register(resolved.valueForRedaction());
                }
                return resolved;
            }
        };
    }

    public ApiClient controlPlane() {
        if (controlPlane == null) {
            controlPlane = new ApiClient("control plane", settings.controlPlane(), token, http(), REQUEST_TIMEOUT);
        }
        return controlPlane;
    }

    public ApiClient approvals() {
        if (approvals == null) {
            approvals = new ApiClient("approval service", settings.approvals(), token, http(), REQUEST_TIMEOUT);
        }
        return approvals;
    }

    public ResultPrinter printer() {
        return printer;
    }

    /** stdout, for results that are not JSON documents (the exported YAML, an audit export). */
    public PrintWriter out() {
        return out;
    }

    private HttpClient http() {
        if (http == null) {
            http = HttpClient.newBuilder()
                    .connectTimeout(CONNECT_TIMEOUT)
                    .version(HttpClient.Version.HTTP_1_1)
                    .followRedirects(HttpClient.Redirect.NEVER)
                    .build();
        }
        return http;
    }
}
