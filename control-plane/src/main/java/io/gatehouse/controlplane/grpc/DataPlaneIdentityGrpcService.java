package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.security.CallerPool;
import io.gatehouse.controlplane.security.NodeToken;
import io.gatehouse.controlplane.security.NodeTokenIssuer;
import io.gatehouse.proto.config.v1.DataPlaneIdentityService;
import io.gatehouse.proto.config.v1.IssueNodeTokenRequest;
import io.grpc.Status;
import io.quarkus.grpc.GrpcService;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Uni;
import org.jboss.logging.Logger;

/** Gives authenticated nodes their signed node token; the pool comes from the join token they presented. */
@GrpcService
public class DataPlaneIdentityGrpcService implements DataPlaneIdentityService {

    private static final Logger LOG = Logger.getLogger(DataPlaneIdentityGrpcService.class);

    private final NodeTokenIssuer issuer;

    public DataPlaneIdentityGrpcService(NodeTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @Override
    @Blocking
    public Uni<io.gatehouse.proto.config.v1.NodeToken> issueNodeToken(IssueNodeTokenRequest request) {
        String pool = CallerPool.current();
        try {
            NodeToken token = issuer.issue(request.getNodeId(), pool);
            return Uni.createFrom().item(io.gatehouse.proto.config.v1.NodeToken.newBuilder()
                    .setToken(token.token())
                    .setPool(token.pool())
                    .setExpiresAt(ProtoTime.timestamp(token.expiresAt()))
                    .build());
        } catch (IllegalArgumentException e) {
            return Uni.createFrom().failure(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
        } catch (IllegalStateException e) {
            LOG.errorf("cannot issue a node token: %s", e.getMessage());
            return Uni.createFrom().failure(Status.UNAVAILABLE.withDescription("the signing key cannot be used").asRuntimeException());
        }
    }
}
