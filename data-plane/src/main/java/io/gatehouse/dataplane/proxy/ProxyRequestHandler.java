package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.approval.ApprovalCall;
import io.gatehouse.dataplane.approval.ApprovalGate;
import io.gatehouse.dataplane.approval.ApprovalOutcome;
import io.gatehouse.dataplane.audit.AuditShipper;
import io.gatehouse.dataplane.audit.AuditUnavailableException;
import io.gatehouse.dataplane.audit.CallStart;
import io.gatehouse.dataplane.audit.CallDecision;
import io.gatehouse.dataplane.audit.QueryRedactor;
import io.gatehouse.dataplane.auth.TokenAuthenticator;
import io.gatehouse.dataplane.authz.Authorization;
import io.gatehouse.dataplane.authz.Authorizer;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.credential.CredentialCache;
import io.gatehouse.dataplane.credential.CredentialEchoScrubber;
import io.gatehouse.dataplane.assertion.IdentityAssertionSigner;
import io.gatehouse.dataplane.credential.CredentialInjector;
import io.gatehouse.dataplane.credential.OAuth2AccessTokens;
import io.gatehouse.dataplane.credential.UpstreamCredential;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.masking.BodyMasker;
import io.gatehouse.dataplane.masking.MaskingException;
import io.gatehouse.dataplane.masking.MaskingLimits;
import io.gatehouse.dataplane.masking.MaskingSummary;
import io.gatehouse.dataplane.masking.ResponseMaskers;
import io.gatehouse.dataplane.policy.Resource;
import io.gatehouse.dataplane.path.PathCanonicalizer;
import io.gatehouse.dataplane.proxy.framing.StrictResponseFraming;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.gatehouse.dataplane.ratelimit.IdentityRateLimiter;
import io.gatehouse.dataplane.ratelimit.RateLimitedException;
import io.gatehouse.dataplane.snapshot.PolicyHolder;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import io.vertx.core.http.HttpClientResponse;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The request path, top to bottom: canonicalize → policy in force → authenticate → authorize →
 * record the start (or, for a best-effort resource whose start cannot be spooled, go on counted) → approval gate → credential → forward → relay (masked) → record. Every exit,
 * successful or not, goes through {@link #finish} and so is recorded.
 */
@ApplicationScoped
public class ProxyRequestHandler implements Handler<HttpServerRequest> {

    private static final Logger LOG = Logger.getLogger(ProxyRequestHandler.class);
    /** Recorded as the status of a call whose caller disconnected before the answer (nginx's convention). */
    private static final int CLIENT_CLOSED_REQUEST = 499;

    private final PolicyHolder policies;
    private final TokenAuthenticator authenticator;
    private final IdentityRateLimiter rateLimiter;
    private final ApprovalGate approvalGate;
    private final CredentialCache credentials;
    private final OAuth2AccessTokens accessTokens;
    private final AuditShipper audit;
    private final UpstreamForwarder forwarder;
    private final ProxyMetrics metrics;
    private final int maxBufferedBody;
    private final Optional<String> approvalStatusUrl;
    private final MaskingLimits maskingLimits;
    private final QueryRedactor queryRedactor;
    private final ProxyDrain drain;

    public ProxyRequestHandler(PolicyHolder policies, TokenAuthenticator authenticator, IdentityRateLimiter rateLimiter,
                               ApprovalGate approvalGate, CredentialCache credentials, OAuth2AccessTokens accessTokens,
                               AuditShipper audit, IdentityAssertionSigner assertions, ProxyDrain drain, Vertx vertx,
                               DataPlaneConfig config, MeterRegistry metrics) {
        this.drain = drain;
        this.policies = policies;
        this.authenticator = authenticator;
        this.rateLimiter = rateLimiter;
        this.approvalGate = approvalGate;
        this.credentials = credentials;
        this.accessTokens = accessTokens;
        this.audit = audit;
        this.metrics = new ProxyMetrics(metrics);
        this.maxBufferedBody = config.proxy().maxBufferedBodySize();
        this.approvalStatusUrl = config.approval().statusUrl();
        this.maskingLimits = new MaskingLimits(config.masking().maxDepth(), config.masking().maxValueLength(),
                config.masking().textWindow(), config.masking().maxEventSize(), config.masking().maxInflatedSize(),
                config.masking().maxInflateRatio());
        this.queryRedactor = new QueryRedactor(config.audit().redactedQueryParameters());
        HttpClientOptions clientOptions = new HttpClientOptions()
                .setConnectTimeout((int) config.proxy().connectTimeout().toMillis())
                .setKeepAlive(true)
                .setDecompressionSupported(false);
        // the builder takes the pool's bounds from PoolOptions only (those of HttpClientOptions are ignored)
        PoolOptions pool = new PoolOptions()
                .setHttp1MaxSize(config.proxy().upstreamMaxConnections())
                .setMaxWaitQueueSize(config.proxy().upstreamMaxWaiting());
        this.forwarder = new UpstreamForwarder(new UpstreamClients(() -> vertx.httpClientBuilder().with(clientOptions).with(pool)
                .withConnectHandler(connection -> StrictResponseFraming.install(connection,
                        clientOptions.getMaxInitialLineLength(), clientOptions.getMaxHeaderSize()))
                .build()), config.proxy().defaultUpstreamTimeout(),
                new ForwardedHeaders(TrustedProxies.of(config.proxy().trustedProxies().orElse(List.of()))), assertions);
    }

    @Override
    public void handle(HttpServerRequest request) {
        request.pause();
        drain.callStarted();
        if (drain.leaving()) {
            closeAfterThisCall(request);
        }
        ProxyCall call = new ProxyCall(request);
        request.response().putHeader(ProxyHeaders.REQUEST_ID, call.requestId);
        if (drain.closed()) {
            request.response().putHeader("Retry-After", "1");
            refuse(call, new ProblemException(Problem.unavailable("this gateway replica is shutting down; retry the call")));
            return;
        }
        Context context = Vertx.currentContext();
        Future.succeededFuture(call)
                .map(this::canonicalize)
                .compose(this::authenticateAndAuthorize)
                .compose(authorization -> recordStart(call, context))
                .compose(authorization -> passApprovalGate(call, context))
                .compose(body -> fetchCredentialAndForward(call, body, context))
                .compose(upstream -> relay(call, upstream))
                .onSuccess(status -> finish(call, CallDecision.ALLOWED, null, status))
                .onFailure(failure -> refuse(call, failure));
    }

    private ProxyCall canonicalize(ProxyCall call) {
        Http2RequestRules.violation(call.request).ifPresent(violation -> {
            throw new ProblemException(Problem.badRequest("malformed HTTP/2 request: " + violation));
        });
        call.canonicalPath = PathCanonicalizer.canonicalize(call.request.path());
        return call;
    }

    private Future<Authorization> authenticateAndAuthorize(ProxyCall call) {
        PolicySnapshot policy = policies.enforceable();
        if (policy == null) {
            throw new ProblemException(Problem.unavailable(
                    "the gateway has no current configuration from its control plane; try again later"));
        }
        String token = bearerToken(call.request);
        return authenticator.authenticate(token, policy).map(caller -> {
            call.caller = caller;
            call.identity = caller.identity().name();
            call.identityPurpose = caller.identity().purpose();
            call.identityOwnerTeam = caller.identity().ownerTeam();
            call.authorization = Authorizer.authorize(policy, caller.identity(), call.request.method().name(),
                    requestHost(call.request), call.canonicalPath, Instant.now());
            call.recorder = new CallRecorder(call.authorization.resource(), maskingLimits, call.requestId);
            call.recorder.requestHeaders(call.request.headers());
            rateLimiter.acquire(caller.identity(), System.nanoTime());
            return call.authorization;
        });
    }

    /** The Host (authority) of the request in lower case without port, or null when it has none. */
    private static String requestHost(HttpServerRequest request) {
        HostAndPort authority = request.authority();
        return authority == null || authority.host().isEmpty() ? null : authority.host().toLowerCase(Locale.ROOT);
    }

    private static String bearerToken(HttpServerRequest request) {
        String header = request.getHeader("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() == 7) {
            throw new ProblemException(Problem.unauthenticated("a bearer token is required (Authorization: Bearer <token>)"));
        }
        return header.substring(7).trim();
    }

    /**
     * Step 6: the call's start is in the audit spool before anything is forwarded, or the call is refused (503) —
     * unless its resource chose best-effort, in which case it goes on, counted.
     */
    private Future<Void> recordStart(ProxyCall call, Context context) {
        CallStart start = new CallStart(call.requestId, call.startedAt, call.identity, call.resourceName(),
                call.request.method().name(), call.canonicalPath);
        return Future.fromCompletionStage(audit.admit(start), context).recover(failure -> {
            if (!(failure instanceof AuditUnavailableException)) {
                return Future.failedFuture(failure);
            }
            if (call.recorder.bestEffortWhenSpoolFull()) {
                call.recorder.forwardedBestEffort();
                metrics.forwardedBestEffort(call.resourceName());
                return Future.succeededFuture();
            }
            call.spoolRefused = true;
            return Future.failedFuture(new ProblemException(Problem.unavailable(failure.getMessage())));
        });
    }

    /** Completes with the buffered body of a call that needed approval, or null for a call streamed as is. */
    private Future<Buffer> passApprovalGate(ProxyCall call, Context context) {
        if (!call.authorization.needsApproval()) {
            return Future.succeededFuture(null);
        }
        String breakGlassReason = breakGlassReason(call);
        return BodyCollector.collect(call.request, maxBufferedBody).compose(body -> {
            ApprovalCall approvalCall = approvalCall(call, body, breakGlassReason);
            Future<String> passed = breakGlassReason != null
                    ? onContext(approvalGate.breakGlass(approvalCall), context)
                    : awaitApproval(call, approvalCall, context);
            return passed.map(approvalId -> {
                call.approvalId = approvalId;
                return body;
            });
        });
    }

    /** The caller's break-glass reason, null when it does not break the glass; 403 when it may not. */
    private static String breakGlassReason(ProxyCall call) {
        String reason = call.request.getHeader(ProxyHeaders.BREAK_GLASS);
        if (reason == null) {
            return null;
        }
        if (!call.authorization.grant().approval().breakGlass()) {
            throw new ProblemException(Problem.forbidden("the grant of this call does not allow break-glass; ask for approval instead"));
        }
        if (reason.isBlank()) {
            throw new ProblemException(Problem.forbidden("break-glass needs a reason: the value of " + ProxyHeaders.BREAK_GLASS));
        }
        return reason.strip();
    }

    /** The justification is the break-glass reason, else the justification header, else the identity's purpose. */
    private static ApprovalCall approvalCall(ProxyCall call, Buffer body, String breakGlassReason) {
        String justification = breakGlassReason != null ? breakGlassReason : call.request.getHeader(ProxyHeaders.JUSTIFICATION);
        return new ApprovalCall(call.identity, call.identityOwnerTeam, call.authorization.resource().name(),
                call.request.method().name(), call.canonicalPath,
                CredentialInjector.recordableQuery(call.authorization.resource(), call.request.query()), body.getBytes(),
                justification == null || justification.isBlank() ? call.identityPurpose : justification,
                call.authorization.grant().approval(), call.requestId);
    }

    /** Completes with the approval id once approved and consumed for this call; 202 or 403 otherwise. */
    private Future<String> awaitApproval(ProxyCall call, ApprovalCall approvalCall, Context context) {
        Duration hold = PreferHeader.holdTime(call.request.headers().getAll("Prefer"), approvalGate.holdTime(approvalCall));
        String retryOf = call.request.getHeader(ProxyHeaders.APPROVAL_ID);
        Uni<ApprovalOutcome> decision = retryOf == null || retryOf.isBlank()
                ? approvalGate.decide(approvalCall, hold, callerGone(call))
                : approvalGate.retry(approvalCall, retryOf.strip(), hold, callerGone(call));
        return onContext(decision, context).map(outcome -> {
            call.approvalId = outcome.approvalId();
            return switch (outcome.verdict()) {
                case APPROVED -> outcome.approvalId();
                case PENDING -> throw new PendingApprovalException(outcome.approvalId());
                case REFUSED -> throw new ProblemException(Problem.forbidden(outcome.reason()));
            };
        });
    }

    /** Completes when the caller's connection closes before the answer. */
    private static CompletionStage<Void> callerGone(ProxyCall call) {
        CompletableFuture<Void> gone = new CompletableFuture<>();
        HttpServerResponse response = call.request.response();
        response.closeHandler(closed -> gone.complete(null));
        if (response.closed()) {
            gone.complete(null);
        }
        return gone;
    }

    private Future<HttpClientResponse> fetchCredentialAndForward(ProxyCall call, Buffer bufferedBody, Context context) {
        Resource resource = call.authorization.resource();
        Uni<UpstreamCredential> injected = credentials.credentialFor(resource.name());
        if (resource.injectionStyle() == InjectionStyle.OAUTH2_CLIENT_CREDENTIALS) {
            injected = injected.chain(client -> accessTokens.accessTokenFor(resource, client));
        }
        return onContext(injected, context)
                .compose(credential -> {
                    call.echoScrubber = credential.echoScrubber(call.authorization.resource().injection());
                    long sentAt = System.nanoTime();
                    return forwarder.forward(call, credential, bufferedBody).onComplete(answer -> metrics.upstream(resource.name(),
                            answer.succeeded() ? answer.result().statusCode() : 0, System.nanoTime() - sentAt));
                });
    }

    private Future<Integer> relay(ProxyCall call, HttpClientResponse upstream) {
        HttpServerResponse response = call.request.response();
        upstream.pause();
        Resource resource = call.authorization.resource();
        if (resource.masks() && upstream.statusCode() == 206) {
            // the request's Range was stripped; a part of a body cannot be masked on its own
            upstream.request().reset();
            throw new ProblemException(Problem.badGateway("the upstream sent a partial body (206) to a resource that masks responses"));
        }
        if (upstream.headers().getAll("Content-Encoding").size() > 1
                || (resource.masks() && upstream.headers().getAll("Content-Type").size() > 1)) {
            // the caller might read the body by another of the values than the one it would be inspected by
            upstream.request().reset();
            throw new ProblemException(Problem.badGateway(
                    "the upstream sent several Content-Type or Content-Encoding headers, so its body cannot be inspected"));
        }
        if (upstream.statusCode() == 401 && resource.injectionStyle() == InjectionStyle.OAUTH2_CLIENT_CREDENTIALS) {
            // revoked or expired early: the next call buys a new token
            accessTokens.forget(resource.name());
        }
        boolean carriesBody = carriesBody(call, upstream.statusCode());
        BodyMasker masker = carriesBody ? bodyMasker(resource, upstream, call.echoScrubber) : null;
        boolean bodyRewritten = resource.masks() || EchoScrubbing.isEncoded(upstream.getHeader("Content-Encoding"));
        response.setStatusCode(upstream.statusCode());
        ProxyHeaders.copyResponseHeaders(upstream.headers(), response.headers(), bodyRewritten);
        EchoScrubbing.scrubHeaders(response.headers(), call.echoScrubber);
        call.recorder.responseHeaders(response.headers());
        if (!carriesBody) {
            upstream.resume();
            return upstream.end().map(done -> {
                response.end();
                return finishedRelay(call, resource, null);
            });
        }
        return MaskingRelay.relay(upstream, response, call.recorder.tapResponseBody(masker, response.headers()))
                .map(summary -> finishedRelay(call, resource, summary));
    }

    /** The masker of a body (its masking rules, if any, then the echo scrubber); 502 when it cannot be inspected. */
    private BodyMasker bodyMasker(Resource resource, HttpClientResponse upstream, CredentialEchoScrubber scrubber) {
        try {
            if (resource.masks()) {
                return new EchoScrubbingBodyMasker(ResponseMaskers.forResponse(resource.masking(), maskingLimits,
                        upstream.getHeader("Content-Type"), upstream.getHeader("Content-Encoding")), scrubber);
            }
            return EchoScrubbing.unmaskedBody(upstream.getHeader("Content-Encoding"), scrubber, maskingLimits);
        } catch (MaskingException e) {
            upstream.request().reset();
            throw new ProblemException(Problem.badGateway("the response could not be " + (resource.masks() ? "masked" : "inspected")
                    + ": " + e.getMessage()));
        }
    }

    private int finishedRelay(ProxyCall call, Resource resource, MaskingSummary summary) {
        Map<String, Integer> masked = new TreeMap<>(summary == null ? Map.of() : summary.countsByRule());
        if (summary != null) {
            metrics.masked(resource.name(), summary);
        }
        int echoes = call.echoScrubber.replaced();
        if (echoes > 0) {
            masked.merge(EchoScrubbing.AUDIT_RULE_NAME, echoes, Integer::sum);
            metrics.echoesScrubbed(resource.name(), echoes);
        }
        call.maskedValues = masked;
        return call.request.response().getStatusCode();
    }

    /** RFC 9110 6.4.1: no body in answers to HEAD, in 1xx, 204 and 304. */
    private static boolean carriesBody(ProxyCall call, int status) {
        return !call.request.method().name().equals("HEAD") && status >= 200 && status != 204 && status != 304;
    }

    private void refuse(ProxyCall call, Throwable failure) {
        HttpServerResponse response = call.request.response();
        if (failure instanceof PendingApprovalException pending) {
            if (!response.headWritten()) {
                JsonObject body = new JsonObject()
                        .put("status", "pending-approval")
                        .put("approvalId", pending.approvalId())
                        .put("detail", "this call waits for a human approval; retry the same call after it is approved"
                                + " (with the header " + ProxyHeaders.APPROVAL_ID + " set to the approval id)")
                        .put("retryHeader", ProxyHeaders.APPROVAL_ID)
                        .put("requestId", call.requestId);
                approvalStatusUrl.ifPresent(template -> {
                    String statusUrl = template.replace("{id}", pending.approvalId());
                    body.put("statusUrl", statusUrl);
                    response.putHeader("Location", statusUrl);
                });
                response.setStatusCode(202)
                        .putHeader("Content-Type", "application/json")
                        .putHeader("Retry-After", "10")
                        .end(body.encode());
            }
            finish(call, CallDecision.PENDING_APPROVAL, "waiting for approval", 202);
            return;
        }
        if (response.closed()) {
            // the caller went away (timeout, cancelled job): nothing to answer, nothing for the operator to fix
            finish(call, CallDecision.ERROR, "the caller closed the connection", CLIENT_CLOSED_REQUEST);
            return;
        }
        Problem problem = FailureClassifier.classify(failure, call.resourceName());
        if (failure instanceof RateLimitedException limited && !response.headWritten()) {
            response.putHeader("Retry-After", Long.toString(limited.retryAfterSeconds()));
        }
        if (problem.decision() == CallDecision.ERROR && !call.spoolRefused) {
            // (a full spool is logged by the spool when it starts and stops refusing, not once per call)
            LOG.warnf("Request %s (%s %s) failed: %s", call.requestId, call.request.method(), call.canonicalPath,
                    failure.getClass().getSimpleName() + ": " + failure.getMessage());
        }
        // an unread HTTP/1.1 body would be left on the connection; an HTTP/2 stream ends on its own, its connection stays
        boolean closeConnection = !call.request.isEnded() && call.request.version() != io.vertx.core.http.HttpVersion.HTTP_2;
        if (response.headWritten()) {
            response.reset();
        } else {
            if (closeConnection) {
                // the caller must know the connection ends here, or it sends its next call into a closed one
                response.putHeader("Connection", "close");
            }
            ProblemResponses.send(response, problem, call.requestId);
        }
        finish(call, problem.decision(), problem.detail(), response.headWritten() ? response.getStatusCode() : problem.status());
        if (closeConnection) {
            // an unread request body would be left hanging; the connection is not reused
            call.request.connection().close();
        }
    }

    private void finish(ProxyCall call, CallDecision decision, String reason, int status) {
        if (call.spoolRefused) {
            metrics.refusedUnrecorded(call.resourceName());
        } else {
            audit.record(call.toRecord(decision, reason, status, queryRedactor.redact(call.request.query())));
        }
        metrics.call(call.resourceName(), decision, status, System.nanoTime() - call.startedNanos);
        if ("close".equals(call.request.response().headers().get("Connection"))) {
            // Vert.x sends the header but keeps the connection; the answer is written, so it can go now
            call.request.connection().close();
        }
        drain.callFinished();
    }

    /** While draining: the caller's next call goes over a new connection (to another replica, once this one is unready). */
    private static void closeAfterThisCall(HttpServerRequest request) {
        if (request.version() == io.vertx.core.http.HttpVersion.HTTP_2) {
            request.connection().shutdown(); // GOAWAY: the streams in flight finish, no new one is taken
        } else {
            request.response().putHeader("Connection", "close");
        }
    }

    /** Runs a Mutiny result back on the request's event-loop context. */
    private static <T> Future<T> onContext(Uni<T> uni, Context context) {
        return Future.fromCompletionStage(uni.subscribeAsCompletionStage(), context);
    }
}
