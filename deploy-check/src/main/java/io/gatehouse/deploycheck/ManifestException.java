package io.gatehouse.deploycheck;

/** A manifest that is not a valid Kubernetes API object of a supported kind. */
public final class ManifestException extends RuntimeException {

    public ManifestException(String message) {
        super(message);
    }

    public ManifestException(String message, Throwable cause) {
        super(message, cause);
    }
}
