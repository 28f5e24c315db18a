package io.gatehouse.dataplane.audit;

/**
 * When the audit spool forces its writes to the storage device. Every record is written to the
 * operating system before the call goes on, so a crash of this process (kill -9, out of memory)
 * loses nothing in any mode; the modes differ only in what a crash of the machine may lose.
 */
public enum SyncPolicy {
    /** A call is forwarded only after its start record is on the device (group commit: one force for many records). */
    ALWAYS,
    /** Forced every {@code gatehouse.audit.spool.sync-interval}; a machine crash may lose that much. */
    INTERVAL,
    /** Left to the operating system. */
    NONE
}
