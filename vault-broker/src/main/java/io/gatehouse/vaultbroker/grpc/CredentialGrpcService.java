package io.gatehouse.vaultbroker.grpc;

import com.google.protobuf.Timestamp;
import io.gatehouse.proto.credential.v1.CredentialRotated;
import io.gatehouse.proto.credential.v1.CredentialService;
import io.gatehouse.proto.credential.v1.IssueCredentialRequest;
import io.gatehouse.proto.credential.v1.IssuedCredential;
import io.gatehouse.proto.credential.v1.WatchRotationsRequest;
import io.gatehouse.vaultbroker.model.CallerNode;
import io.gatehouse.vaultbroker.model.IssuedLease;
import io.gatehouse.vaultbroker.service.CredentialIssuer;
import io.gatehouse.vaultbroker.service.RotationAnnouncer;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;

import java.time.Instant;

/**
 * Issues credentials to data planes (authenticated by {@link DataPlaneAuthInterceptor}) and tells them of
 * rotations. Issuing runs on worker threads because secret stores may block. The broker's copy of the secret
 * is wiped once the reply is built.
 */
@GrpcService
public class CredentialGrpcService implements CredentialService {

    private final CredentialIssuer issuer;
    private final RotationAnnouncer rotations;
    private final IssuedCredentialMapper mapper;
    private final GrpcFailureMapper failures;

    public CredentialGrpcService(CredentialIssuer issuer, RotationAnnouncer rotations, IssuedCredentialMapper mapper,
            GrpcFailureMapper failures) {
        this.issuer = issuer;
        this.rotations = rotations;
        this.mapper = mapper;
        this.failures = failures;
    }

    @Override
    @Blocking
    public Uni<IssuedCredential> issueCredential(IssueCredentialRequest request) {
        CallerNode caller = named(CallerNodes.current(), request.getDataPlaneId());
        return Uni.createFrom().item(() -> issue(request, caller))
                .onFailure().transform(failures::toStatus);
    }

    @Override
    public Multi<CredentialRotated> watchRotations(WatchRotationsRequest request) {
        CallerNode caller = named(CallerNodes.current(), request.getDataPlaneId());
        Multi<CredentialRotated> greeting = Multi.createFrom().item(CredentialRotated.newBuilder()
                .setRotatedAt(now()).build());
        Multi<CredentialRotated> announced = rotations.rotations()
                .filter(resource -> issuer.mayReceive(resource, caller))
                .map(resource -> CredentialRotated.newBuilder().setResource(resource).setRotatedAt(now()).build());
        return Multi.createBy().concatenating().streams(greeting, announced);
    }

    private IssuedCredential issue(IssueCredentialRequest request, CallerNode caller) {
        IssuedLease lease = issuer.issue(request.getResource(), caller);
        try {
            return mapper.toProto(lease);
        } finally {
            lease.secret().clear();
        }
    }

    /** A static token names no node: the data plane's own word is used for the logs. */
    private static CallerNode named(CallerNode caller, String declaredId) {
        if (!DataPlaneAuthInterceptor.STATIC_TOKEN_NODE.equals(caller.nodeId()) || declaredId.isBlank()) {
            return caller;
        }
        return new CallerNode(declaredId + " (static token)", caller.pool());
    }

    private static Timestamp now() {
        return ProtoTimestamps.of(Instant.now());
    }
}
