package io.gatehouse.controlplane.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.controlplane.service.PolicyEditor;
import io.gatehouse.controlplane.service.PolicyObjectKind;
import io.gatehouse.controlplane.service.Precondition;
import io.gatehouse.controlplane.service.Versioned;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

import java.util.function.Function;

/**
 * What the identity, resource and grant endpoints do alike: read the body, run the edit as the
 * current caller, and answer with the object's view, ETag and Location.
 */
@ApplicationScoped
public class PolicyObjectWrites {

    private final PolicyEditor editor;
    private final AdminCallers callers;
    private final EntryBodies bodies;

    public PolicyObjectWrites(PolicyEditor editor, AdminCallers callers, EntryBodies bodies) {
        this.editor = editor;
        this.callers = callers;
        this.bodies = bodies;
    }

    public <T> Response get(PolicyObjectKind<T> kind, String key, Function<T, Object> view) {
        callers.policyReader();
        return PolicyResponses.read(editor.get(kind, key), view);
    }

    /** A create (POST): named objects take their key from the body's {@code name}, grants from their content. */
    public <T> Response create(PolicyObjectKind<T> kind, String collection, String body, UriInfo uri, Function<T, Object> view,
                               boolean named) {
        JsonNode entry = bodies.read(body);
        String key = null;
        if (named) {
            key = entry.path("name").asText(null);
            if (key == null) {
                throw new InvalidRequestException("name: required");
            }
        }
        return written(kind, collection, editor.put(kind, callers.current(), key, entry, Precondition.create()), uri, view, null);
    }

    /** A replace (PUT) of the object named {@code key}; If-Match required once it exists. */
    public <T> Response replace(PolicyObjectKind<T> kind, String collection, String key, String body, String ifMatch,
                                String ifNoneMatch, UriInfo uri, Function<T, Object> view) {
        Versioned<T> written = editor.put(kind, callers.current(), key, bodies.read(body), Precondition.replace(ifMatch, ifNoneMatch));
        return written(kind, collection, written, uri, view, key);
    }

    public <T> Response delete(PolicyObjectKind<T> kind, String key, String ifMatch) {
        editor.delete(kind, callers.current(), key, Precondition.optional(ifMatch));
        return Response.noContent().build();
    }

    private static <T> Response written(PolicyObjectKind<T> kind, String collection, Versioned<T> versioned, UriInfo uri,
                                        Function<T, Object> view, String requestedKey) {
        return PolicyResponses.written(versioned, view, uri, collection, kind.key(versioned.object()), requestedKey);
    }
}
