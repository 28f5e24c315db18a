package io.gatehouse.approval.security;

import io.gatehouse.approval.model.Approver;
import io.smallrye.mutiny.Uni;

/** Validates an approver's bearer token outside of an HTTP request (gRPC). */
public interface ApproverAuthenticator {

    /** Fails with {@link io.quarkus.security.AuthenticationFailedException} for an invalid token. */
    Uni<Approver> authenticate(String bearerToken);
}
