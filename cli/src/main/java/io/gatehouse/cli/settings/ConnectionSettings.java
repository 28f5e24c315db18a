package io.gatehouse.cli.settings;

import io.gatehouse.cli.failure.CliFailure;
import io.gatehouse.cli.failure.ExitCodes;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;

/** The base URLs of the two services: the option if given, else the environment variable, else the local default. */
public record ConnectionSettings(URI controlPlane, URI approvals) {

    public static final String DEFAULT_CONTROL_PLANE = "http://127.0.0.1:8081";
    public static final String DEFAULT_APPROVALS = "http://127.0.0.1:8082";

    public static ConnectionSettings resolve(String controlPlaneOption, String approvalsOption, Environment environment) {
        return new ConnectionSettings(
                url("--control-plane", pick(controlPlaneOption, environment, Environment.CONTROL_PLANE_URL, DEFAULT_CONTROL_PLANE)),
                url("--approvals", pick(approvalsOption, environment, Environment.APPROVALS_URL, DEFAULT_APPROVALS)));
    }

    private static String pick(String option, Environment environment, String variable, String fallback) {
        return Optional.ofNullable(option).filter(value -> !value.isBlank())
                .or(() -> environment.get(variable))
                .orElse(fallback);
    }

    private static URI url(String option, String text) {
        try {
            URI uri = new URI(text.strip().replaceAll("/+$", ""));
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw new URISyntaxException(text, "not an http(s) URL with a host");
            }
            if (uri.getUserInfo() != null) {
                throw new URISyntaxException(option, "credentials do not belong in the URL");
            }
            return uri;
        } catch (URISyntaxException e) {
            throw new CliFailure(ExitCodes.USAGE, option + ": " + e.getReason() + ", e.g. " + DEFAULT_CONTROL_PLANE);
        }
    }
}
