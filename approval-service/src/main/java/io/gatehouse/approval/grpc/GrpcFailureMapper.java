package io.gatehouse.approval.grpc;

import io.gatehouse.approval.repository.StoreFailures;
import io.gatehouse.approval.service.ApprovalConflictException;
import io.gatehouse.approval.service.ApprovalNotConsumableException;
import io.gatehouse.approval.service.ApprovalNotFoundException;
import io.gatehouse.approval.service.ApproverNotAllowedException;
import io.gatehouse.approval.service.InvalidApprovalRequestException;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

/** Turns a failure of the approval domain into the gRPC status promised by approval.proto. */
@ApplicationScoped
public class GrpcFailureMapper {

    private static final Logger LOG = Logger.getLogger(GrpcFailureMapper.class);

    public StatusRuntimeException toStatus(Throwable failure) {
        if (failure instanceof StatusRuntimeException status) {
            return status;
        }
        if (failure instanceof InvalidApprovalRequestException) {
            return Status.INVALID_ARGUMENT.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof ApprovalNotFoundException) {
            return Status.NOT_FOUND.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof ApproverNotAllowedException) {
            return Status.PERMISSION_DENIED.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (failure instanceof ApprovalNotConsumableException || failure instanceof ApprovalConflictException) {
            return Status.FAILED_PRECONDITION.withDescription(failure.getMessage()).asRuntimeException();
        }
        if (StoreFailures.isStoreFailure(failure)) {
            LOG.warnf(failure, "approval store unavailable");
            return Status.UNAVAILABLE.withDescription("approval store unavailable").asRuntimeException();
        }
        LOG.errorf(failure, "unexpected failure");
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }
}
