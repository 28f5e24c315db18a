package io.gatehouse.vaultbroker.grpc;

import io.gatehouse.vaultbroker.repository.SecretStoreUnavailableException;
import io.gatehouse.vaultbroker.service.CredentialAccessDeniedException;
import io.gatehouse.vaultbroker.service.InvalidCredentialRequestException;
import io.gatehouse.vaultbroker.service.UnknownResourceException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Turns a failure of credential issuance into the gRPC status promised by credential.proto. */
@ApplicationScoped
public class GrpcFailureMapper {

    private static final Logger LOG = Logger.getLogger(GrpcFailureMapper.class);

    public StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof InvalidCredentialRequestException) {
            return Status.INVALID_ARGUMENT.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof CredentialAccessDeniedException) {
            return Status.PERMISSION_DENIED.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof UnknownResourceException) {
            return Status.NOT_FOUND.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof SecretStoreUnavailableException) {
            LOG.warnf("secret store unavailable: %s", failure.getMessage());
            return Status.UNAVAILABLE.withDescription("secret store unavailable").asRuntimeException();
        }
        LOG.errorf("unexpected failure while issuing a credential: %s", failure.getClass().getName());
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }
}
