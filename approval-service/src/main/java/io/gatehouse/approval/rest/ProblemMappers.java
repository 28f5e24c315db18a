package io.gatehouse.approval.rest;

import io.gatehouse.approval.repository.StoreFailures;
import io.gatehouse.approval.service.ApprovalConflictException;
import io.gatehouse.approval.service.ApprovalNotFoundException;
import io.gatehouse.approval.service.ApproverNotAllowedException;
import io.gatehouse.approval.service.InvalidApprovalRequestException;
import io.gatehouse.approval.chat.SignedRequestRejectedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Maps failures of the REST API to problem details. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response notFound(ApprovalNotFoundException e) {
        return Problem.response(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(ApprovalConflictException e) {
        return Problem.response(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response forbidden(ApproverNotAllowedException e) {
        return Problem.response(Response.Status.FORBIDDEN, e.getMessage());
    }

    @ServerExceptionMapper
    public Response signedRequestRejected(SignedRequestRejectedException e) {
        return Problem.response(e.configured() ? Response.Status.UNAUTHORIZED : Response.Status.NOT_FOUND,
                e.getMessage());
    }

    @ServerExceptionMapper
    public Response badRequest(InvalidApprovalRequestException e) {
        return Problem.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response unexpected(RuntimeException e) {
        if (e instanceof WebApplicationException web) {
            return web.getResponse();
        }
        if (StoreFailures.isStoreFailure(e)) {
            LOG.warnf(e, "approval store unavailable");
            return Problem.response(Response.Status.SERVICE_UNAVAILABLE, "approval store unavailable");
        }
        LOG.errorf(e, "unexpected failure");
        return Problem.response(Response.Status.INTERNAL_SERVER_ERROR, "internal error");
    }
}
