package io.gatehouse.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** An RFC 9457 problem document, served as {@code application/problem+json}. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetail(String type, String title, int status, String detail) {

    public static final String MEDIA_TYPE = "application/problem+json";

    public static Response response(Response.StatusType status, String detail) {
        ProblemDetail problem = new ProblemDetail("about:blank", status.getReasonPhrase(), status.getStatusCode(), detail);
        return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(problem).build();
    }
}
