package io.gatehouse.dataplane.snapshot;

/** A snapshot this data plane cannot enforce; it is NACKed and the previous one stays in force. */
public class InvalidSnapshotException extends RuntimeException {

    public InvalidSnapshotException(String message) {
        super(message);
    }
}
