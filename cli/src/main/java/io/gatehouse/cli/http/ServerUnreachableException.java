package io.gatehouse.cli.http;

import java.net.URI;

/** The service could not be reached: connection refused, unknown host, timeout, connection closed. */
public final class ServerUnreachableException extends RuntimeException {

    public ServerUnreachableException(String service, URI baseUrl, Throwable cause) {
        super("cannot reach the " + service + " at " + baseUrl + " (" + describe(cause) + ")", cause);
    }

    private static String describe(Throwable cause) {
        String message = cause.getMessage();
        String kind = cause.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + ": " + message;
    }
}
