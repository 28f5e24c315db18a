package io.gatehouse.vaultbroker.grpc;

import io.gatehouse.proto.credential.v1.CredentialService;
import io.gatehouse.proto.credential.v1.IssueCredentialRequest;
import io.gatehouse.proto.credential.v1.IssuedCredential;
import io.gatehouse.vaultbroker.model.IssuedLease;
import io.gatehouse.vaultbroker.service.CredentialIssuer;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;

/**
 * Issues credentials to data planes (authenticated by {@link DataPlaneAuthInterceptor}). Runs on worker
 * threads because secret stores may block. The broker's copy of the secret is wiped once the reply is built.
 */
@GrpcService
public class CredentialGrpcService implements CredentialService {

    private final CredentialIssuer issuer;
    private final IssuedCredentialMapper mapper;
    private final GrpcFailureMapper failures;

    public CredentialGrpcService(CredentialIssuer issuer, IssuedCredentialMapper mapper, GrpcFailureMapper failures) {
        this.issuer = issuer;
        this.mapper = mapper;
        this.failures = failures;
    }

    @Override
    @Blocking
    public Uni<IssuedCredential> issueCredential(IssueCredentialRequest request) {
        return Uni.createFrom().item(() -> issue(request))
                .onFailure().transform(failures::toStatus);
    }

    private IssuedCredential issue(IssueCredentialRequest request) {
        IssuedLease lease = issuer.issue(request.getResource(), request.getDataPlaneId());
        try {
            return mapper.toProto(lease);
        } finally {
            lease.secret().clear();
        }
    }
}
