package io.gatehouse.launcher.process;

/** A part of the suite did not come up; the message says which and why (with its last log lines). */
public class StartupException extends RuntimeException {

    public StartupException(String message) {
        super(message);
    }

    public StartupException(String message, Throwable cause) {
        super(message, cause);
    }
}
