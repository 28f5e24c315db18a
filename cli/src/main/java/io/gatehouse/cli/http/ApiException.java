package io.gatehouse.cli.http;

/** A service answered a request with an error status (4xx, 5xx). */
public final class ApiException extends RuntimeException {

    private final String service;
    private final int status;
    private final ProblemDetails problem;

    public ApiException(String service, int status, ProblemDetails problem) {
        super(service + " answered " + status + ": " + problem.detail());
        this.service = service;
        this.status = status;
        this.problem = problem;
    }

    public String service() {
        return service;
    }

    public int status() {
        return status;
    }

    public ProblemDetails problem() {
        return problem;
    }
}
