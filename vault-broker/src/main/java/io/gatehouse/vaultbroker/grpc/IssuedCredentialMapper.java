package io.gatehouse.vaultbroker.grpc;

import io.gatehouse.proto.credential.v1.IssuedCredential;
import io.gatehouse.vaultbroker.model.IssuedLease;
import jakarta.enterprise.context.ApplicationScoped;

/** Puts a lease into the protobuf message sent to the data plane. */
@ApplicationScoped
public class IssuedCredentialMapper {

    public IssuedCredential toProto(IssuedLease lease) {
        return IssuedCredential.newBuilder()
                .setResource(lease.resource())
                .setSecret(lease.secret().reveal())
                .setLeaseId(lease.leaseId())
                .setExpiresAt(ProtoTimestamps.of(lease.expiresAt()))
                .build();
    }
}
