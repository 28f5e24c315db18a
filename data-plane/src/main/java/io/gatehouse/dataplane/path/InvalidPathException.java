package io.gatehouse.dataplane.path;

public class InvalidPathException extends RuntimeException {

    public InvalidPathException(String message) {
        super(message, null, false, false);
    }
}
