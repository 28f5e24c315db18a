package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.security.CallerPool;
import io.gatehouse.controlplane.security.JoinTokens;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Grpc;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.util.Locale;
import java.util.Optional;

/**
 * Lets a gRPC call in only with {@code authorization: Bearer <join token>}, and tells the service which pool
 * the caller belongs to. A refusal is logged without the token and answered with a generic message.
 */
@GlobalInterceptor
@ApplicationScoped
public class JoinTokenAuthInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String REFUSAL = "a valid join token is required (authorization: Bearer <join token>)";
    private static final Logger LOG = Logger.getLogger(JoinTokenAuthInterceptor.class);
    private static final String BEARER = "bearer ";

    private final JoinTokens joinTokens;

    public JoinTokenAuthInterceptor(JoinTokens joinTokens) {
        this.joinTokens = joinTokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String authorization = headers.get(AUTHORIZATION);
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return refuse(call, "no bearer token");
        }
        Optional<String> pool = joinTokens.poolOf(authorization.substring(BEARER.length()).trim());
        if (pool.isEmpty()) {
            return refuse(call, "an unknown join token");
        }
        return Contexts.interceptCall(Context.current().withValue(CallerPool.KEY, pool.get()), call, headers, next);
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String why) {
        LOG.warnf("refused %s from %s: %s", call.getMethodDescriptor().getFullMethodName(),
                call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), why);
        call.close(Status.UNAUTHENTICATED.withDescription(REFUSAL), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
