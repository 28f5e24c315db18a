package io.gatehouse.dataplane.proxy;

import io.vertx.core.http.HttpServerResponse;

/** Writes RFC 9457 problem+json answers. */
final class ProblemResponses {

    private ProblemResponses() {
    }

    static void send(HttpServerResponse response, Problem problem, String requestId) {
        response.setStatusCode(problem.status()).putHeader("Content-Type", "application/problem+json");
        if (problem.status() == 401) {
            response.putHeader("WWW-Authenticate", "Bearer realm=\"gatehouse\"");
        }
        if (problem.status() == 503) {
            response.putHeader("Retry-After", "5");
        }
        response.end(problem.toJson(requestId));
    }
}
