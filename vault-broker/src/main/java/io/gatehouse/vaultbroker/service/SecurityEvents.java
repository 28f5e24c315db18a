package io.gatehouse.vaultbroker.service;

import io.gatehouse.vaultbroker.model.CallerNode;

/** Where the broker reports refusals that belong in the audit trail. */
public interface SecurityEvents {

    /** A data plane asked for a credential its pool may not receive. */
    void credentialDenied(CallerNode caller, String resource, String reason);

    /** A caller without a valid data-plane token was turned away before it could ask for anything. */
    void callerRefused(String remoteAddress, String method, String reason);
}
