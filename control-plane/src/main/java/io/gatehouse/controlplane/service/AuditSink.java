package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AuditChainEntry;

import java.io.IOException;
import java.util.List;

/** Where the audit trail is forwarded to; {@code name} keys how far forwarding got. */
public interface AuditSink {

    String name();

    /** Delivers the events, or throws: then they are sent again on the next attempt (at least once). */
    void send(List<AuditChainEntry> events) throws IOException;
}
