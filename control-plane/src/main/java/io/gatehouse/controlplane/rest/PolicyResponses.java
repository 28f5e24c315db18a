package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.service.Versioned;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.net.URI;
import java.util.function.Function;

/** Builds the admin API's answers to reads and writes of single policy objects: body, ETag, Location. */
final class PolicyResponses {

    private PolicyResponses() {
    }

    static <T> Response read(Versioned<T> versioned, Function<T, Object> view) {
        return Response.ok(view.apply(versioned.object())).header(HttpHeaders.ETAG, versioned.etag()).build();
    }

    /** 201 with Location for a new object, else 200; Location also when a grant's id changed. */
    static <T> Response written(Versioned<T> versioned, Function<T, Object> view, UriInfo uri, String collection,
                                String key, String requestedKey) {
        URI location = uri.getBaseUriBuilder().path(collection).path(key).build();
        Response.ResponseBuilder response = versioned.created()
                ? Response.created(location)
                : Response.ok();
        if (!versioned.created() && requestedKey != null && !requestedKey.equals(key)) {
            response.location(location);
        }
        return response.entity(view.apply(versioned.object())).header(HttpHeaders.ETAG, versioned.etag()).build();
    }
}
