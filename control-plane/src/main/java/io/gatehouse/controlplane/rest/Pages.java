package io.gatehouse.controlplane.rest;

import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.function.Function;

/** One page of a list ordered by key; a full page carries the key to continue after in a header. */
final class Pages {

    static final String NEXT_CURSOR_HEADER = AuditEventsResource.NEXT_CURSOR;
    static final int DEFAULT_LIMIT = 500;
    static final int MAX_LIMIT = 1000;

    private Pages() {
    }

    static <T> Response of(List<T> ordered, Integer limit, Function<T, String> key, Function<T, ?> view) {
        int size = limit == null ? DEFAULT_LIMIT : limit;
        if (size < 1 || size > MAX_LIMIT) {
            throw new InvalidRequestException("limit must be between 1 and " + MAX_LIMIT + ", was " + size);
        }
        List<T> page = ordered.subList(0, Math.min(size, ordered.size()));
        Response.ResponseBuilder response = Response.ok(page.stream().map(view).toList());
        if (ordered.size() > size) {
            response.header(NEXT_CURSOR_HEADER, key.apply(page.get(page.size() - 1)));
        }
        return response.build();
    }
}
