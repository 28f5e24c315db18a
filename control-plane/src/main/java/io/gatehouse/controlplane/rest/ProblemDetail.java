package io.gatehouse.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.gatehouse.controlplane.config.ConfigProblem;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;

/**
 * An RFC 9457 problem document, served as {@code application/problem+json}; validation problems list
 * every error with the path of the field concerned ({@code ""} for the whole body).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetail(String type, String title, int status, String detail, List<FieldError> errors) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public record FieldError(String path, String message) {

        static FieldError from(ConfigProblem problem) {
            return new FieldError(problem.path(), problem.message());
        }
    }

    public static Response response(Response.StatusType status, String detail) {
        return response(status, detail, null);
    }

    public static Response response(Response.StatusType status, String detail, List<FieldError> errors) {
        ProblemDetail problem = new ProblemDetail("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail, errors);
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(problem).build();
    }
}
