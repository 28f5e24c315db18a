package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.service.AssertionKeysUnavailableException;
import io.gatehouse.controlplane.service.NotPermittedException;
import io.gatehouse.controlplane.service.PolicyConflictException;
import io.gatehouse.controlplane.service.PolicyObjectNotFoundException;
import io.gatehouse.controlplane.service.PolicyValidationException;
import io.gatehouse.controlplane.service.PreconditionFailedException;
import io.gatehouse.controlplane.service.PreconditionRequiredException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/** Turns the admin API's errors into {@code application/problem+json}. */
public class ProblemExceptionMappers {

    private static final Logger LOG = Logger.getLogger(ProblemExceptionMappers.class);
    private static final Response.StatusType PRECONDITION_REQUIRED = status(428, "Precondition Required");
    private static final Response.StatusType UNPROCESSABLE = status(422, "Unprocessable Content");

    @ServerExceptionMapper
    public Response invalidRequest(InvalidRequestException e) {
        return ProblemDetail.response(Response.Status.BAD_REQUEST, e.getMessage());
    }

    @ServerExceptionMapper
    public Response invalidPolicy(PolicyValidationException e) {
        return ProblemDetail.response(UNPROCESSABLE, e.getMessage(),
                e.problems().stream().map(ProblemDetail.FieldError::from).toList());
    }

    @ServerExceptionMapper
    public Response notPermitted(NotPermittedException e) {
        return ProblemDetail.response(Response.Status.FORBIDDEN, e.getMessage());
    }

    @ServerExceptionMapper
    public Response notFound(PolicyObjectNotFoundException e) {
        return ProblemDetail.response(Response.Status.NOT_FOUND, e.getMessage());
    }

    @ServerExceptionMapper
    public Response conflict(PolicyConflictException e) {
        return ProblemDetail.response(Response.Status.CONFLICT, e.getMessage());
    }

    @ServerExceptionMapper
    public Response preconditionFailed(PreconditionFailedException e) {
        return ProblemDetail.response(Response.Status.PRECONDITION_FAILED, e.getMessage());
    }

    @ServerExceptionMapper
    public Response preconditionRequired(PreconditionRequiredException e) {
        return ProblemDetail.response(PRECONDITION_REQUIRED, e.getMessage());
    }

    @ServerExceptionMapper
    public Response assertionKeysUnavailable(AssertionKeysUnavailableException e) {
        LOG.warnf("%s: %s", e.getMessage(), e.getCause() == null ? "" : e.getCause().getMessage());
        return ProblemDetail.response(Response.Status.SERVICE_UNAVAILABLE,
                "the assertion keys cannot be read right now; retry later");
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e) {
        Response.StatusType status = e.getResponse().getStatusInfo();
        if (status.getFamily() == Response.Status.Family.SERVER_ERROR) {
            LOG.error("Admin API request failed", e);
            return ProblemDetail.response(status, "the request could not be completed; see the control plane log");
        }
        return ProblemDetail.response(status, e.getMessage());
    }

    private static Response.StatusType status(int code, String reason) {
        return new Response.StatusType() {
            @Override
            public int getStatusCode() {
                return code;
            }

            @Override
            public Response.Status.Family getFamily() {
                return Response.Status.Family.familyOf(code);
            }

            @Override
            public String getReasonPhrase() {
                return reason;
            }
        };
    }
}
