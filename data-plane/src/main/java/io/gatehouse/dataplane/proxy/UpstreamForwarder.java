package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.assertion.AssertionSubject;
import io.gatehouse.dataplane.assertion.IdentityAssertionSigner;
import io.gatehouse.dataplane.credential.CredentialInjector;
import io.gatehouse.dataplane.policy.IdentityAssertion;
import io.gatehouse.dataplane.credential.UpstreamCredential;
import io.gatehouse.dataplane.policy.Resource;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.streams.ReadStream;

import java.net.URI;
import java.time.Duration;

/** Sends one authorized call to its upstream with the injected credential, streaming the body unless it was buffered. */
final class UpstreamForwarder {

    private final UpstreamClients clients;
    private final Duration defaultTimeout;
    private final ForwardedHeaders forwardedHeaders;
    private final IdentityAssertionSigner assertions;

    UpstreamForwarder(UpstreamClients clients, Duration defaultTimeout, ForwardedHeaders forwardedHeaders,
                      IdentityAssertionSigner assertions) {
        this.clients = clients;
        this.assertions = assertions;
        this.defaultTimeout = defaultTimeout;
        this.forwardedHeaders = forwardedHeaders;
    }

    Future<HttpClientResponse> forward(ProxyCall call, UpstreamCredential credential, Buffer bufferedBody) {
        Resource resource = call.authorization.resource();
        HttpServerRequest caller = call.request;
        URI upstream = resource.upstream();
        boolean tls = "https".equals(upstream.getScheme());
        int port = upstream.getPort() > 0 ? upstream.getPort() : (tls ? 443 : 80);
        Duration timeout = resource.upstreamTimeout() != null ? resource.upstreamTimeout() : defaultTimeout;
        RequestOptions options = new RequestOptions()
                .setMethod(caller.method())
                .setHost(upstream.getHost())
                .setPort(port)
                .setSsl(tls)
                .setURI(upstreamUri(upstream, call.authorization.resourcePath(),
                        CredentialInjector.upstreamQuery(resource, credential, caller.query())))
                .setIdleTimeout(timeout.toMillis());
        return clients.current().request(options).compose(request -> {
            prepareHeaders(call, request, credential, resource, upstream, port);
            Future<HttpClientResponse> response;
            if (bufferedBody != null) {
                call.recorder.bufferedRequestBody(bufferedBody, caller.headers());
                request.headers().remove("Content-Length");
                response = request.send(bufferedBody);
            } else if (hasBody(caller)) {
                response = streamBody(call.recorder.tapRequestBody(caller, caller.headers()), request);
            } else {
                // RFC 9112 6.3: without Content-Length or Transfer-Encoding there is no body; sending one
                // (chunked, empty) would change the request and cost a second write per call
                caller.resume();
                response = request.send();
            }
            // nothing may flow to the caller before the relay has decided how (masked or not)
            // a response refused before its body is relayed is reset on purpose; the relay installs its own handler
            return response.map(upstreamResponse -> upstreamResponse.pause().exceptionHandler(refusedOnPurpose -> { }));
        });
    }

    /**
     * Streams the caller's body to the upstream. A body the caller does not finish (connection
     * closed, malformed chunk) resets the upstream request: ending it instead, as a plain pipe does,
     * would hand the upstream a cut body that looks complete.
     */
    private static Future<HttpClientResponse> streamBody(ReadStream<Buffer> caller, HttpClientRequest request) {
        if (!request.headers().contains("Content-Length")) {
            request.setChunked(true);
        }
        // the failure reaches the request path through the response future; no second report
        request.exceptionHandler(alreadyReported -> { });
        caller.pipe().endOnFailure(false).to(request).onFailure(failure -> request.reset(0, failure));
        return request.response();
    }

    private void prepareHeaders(ProxyCall call, HttpClientRequest request, UpstreamCredential credential,
                                       Resource resource, URI upstream, int port) {
        ProxyHeaders.copyRequestHeaders(call.request.headers(), request.headers());
        request.authority(io.vertx.core.net.HostAndPort.create(upstream.getHost(), port));
        request.putHeader(ProxyHeaders.REQUEST_ID, call.requestId);
        forwardedHeaders.set(call.request, request.headers());
        // ask for the plain body: every body is inspected for echoes of the credential, and masked where the
        // resource has rules (a compressed body is inflated for that, at a cost)
        request.putHeader("Accept-Encoding", "identity");
        if (resource.masks()) {
            // and for all of it: a part of a body cannot be masked on its own
            request.headers().remove("Range");
            request.headers().remove("If-Range");
        }
        CredentialInjector.inject(resource, credential, request.headers());
        IdentityAssertion assertion = resource.identityAssertion();
        if (assertion != null) {
            // set, not add: a caller's header of that name is replaced
            request.headers().set(assertion.headerName(), assertions.assertionFor(new AssertionSubject(call.identity,
                    call.identityOwnerTeam, resource.name(), call.caller.issuer(), call.caller.subject()), assertion));
        }
    }

    private static boolean hasBody(HttpServerRequest caller) {
        if (caller.version() == io.vertx.core.http.HttpVersion.HTTP_2) {
            return Http2RequestRules.hasBody(caller);
        }
        return caller.headers().contains("Content-Length") || caller.headers().contains("Transfer-Encoding");
    }

    static String upstreamUri(URI upstream, String resourcePath, String query) {
        String base = upstream.getRawPath() == null ? "" : upstream.getRawPath();
        if (base.endsWith("/")) {
            base = base.substring(0, base.length() - 1);
        }
        String path = base + resourcePath;
        return query == null || query.isEmpty() ? path : path + "?" + query;
    }
}
