package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.approval.ApprovalUnavailableException;
import io.gatehouse.dataplane.auth.AuthenticationException;
import io.gatehouse.dataplane.auth.IssuerUnavailableException;
import io.gatehouse.dataplane.authz.AccessDeniedException;
import io.gatehouse.dataplane.ratelimit.RateLimitedException;
import io.gatehouse.dataplane.credential.CredentialUnavailableException;
import io.gatehouse.dataplane.credential.OAuth2TokenException;
import io.gatehouse.dataplane.path.InvalidPathException;
import io.gatehouse.dataplane.proxy.framing.MalformedUpstreamResponseException;
import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.http.ConnectionPoolTooBusyException;
import io.vertx.core.http.HttpClosedException;

import java.net.ConnectException;
import java.util.concurrent.TimeoutException;

/** The one place that decides which status and message a failure on the request path becomes. */
public final class FailureClassifier {

    private FailureClassifier() {
    }

    public static Problem classify(Throwable failure, String resource) {
        if (failure instanceof ProblemException problem) {
            return problem.problem();
        }
        if (failure instanceof InvalidPathException e) {
            return Problem.badRequest(e.getMessage());
        }
        if (failure instanceof AuthenticationException e) {
            return Problem.unauthenticated(e.getMessage());
        }
        if (failure instanceof AccessDeniedException e) {
            return Problem.forbidden(e.getMessage());
        }
        if (failure instanceof RateLimitedException e) {
            return Problem.tooManyRequests(e.getMessage());
        }
        if (failure instanceof IssuerUnavailableException e) {
            return Problem.unavailable(e.getMessage());
        }
        if (failure instanceof ApprovalUnavailableException e) {
            return Problem.unavailable(e.getMessage());
        }
        if (failure instanceof CredentialUnavailableException) {
            // the operator-facing reason is logged; the caller only learns that this resource is unavailable
            return Problem.unavailable("the upstream credential for resource '" + resource + "' is unavailable; try again later");
        }
        if (failure instanceof OAuth2TokenException) {
            // the operator-facing reason is logged; nothing of the token endpoint's answer reaches the caller
            return Problem.badGateway("no access token for resource '" + resource + "' could be obtained from its token endpoint");
        }
        if (failure instanceof MalformedUpstreamResponseException || failure.getCause() instanceof MalformedUpstreamResponseException) {
            return Problem.badGateway("the upstream sent a malformed response");
        }
        if (failure instanceof ConnectionPoolTooBusyException) {
            return Problem.unavailable("too many calls are waiting for a connection to the upstream; try again later");
        }
        if (failure instanceof TimeoutException || failure.getCause() instanceof TimeoutException) {
            return Problem.gatewayTimeout("the upstream did not answer in time");
        }
        if (failure instanceof ConnectException || failure instanceof ConnectTimeoutException
                || failure instanceof HttpClosedException) {
            return Problem.badGateway("the upstream could not be reached");
        }
        return Problem.badGateway("the call failed on its way to the upstream");
    }
}
