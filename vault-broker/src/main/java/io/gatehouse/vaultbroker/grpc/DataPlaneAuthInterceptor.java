package io.gatehouse.vaultbroker.grpc;

import io.gatehouse.vaultbroker.model.CallerNode;
import io.gatehouse.vaultbroker.service.DataPlaneTokens;
import io.gatehouse.vaultbroker.service.NodeTokenVerifier;
import io.gatehouse.vaultbroker.service.SecurityEvents;
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
 * Lets a gRPC call through only with {@code authorization: Bearer <token>}, where the token is a node token the
 * control plane signed (it names the node and its pool) or one of the broker's static data-plane tokens (the
 * default pool). Applies to every service of the broker. A refusal is logged without the token and answered
 * with a generic message.
 */
@GlobalInterceptor
@ApplicationScoped
public class DataPlaneAuthInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String REFUSAL = "a valid data-plane token is required";
    static final String STATIC_TOKEN_NODE = "static-token";

    private static final Logger LOG = Logger.getLogger(DataPlaneAuthInterceptor.class);
    private static final String BEARER = "bearer ";

    private final DataPlaneTokens staticTokens;
    private final NodeTokenVerifier nodeTokens;
    private final SecurityEvents securityEvents;

    public DataPlaneAuthInterceptor(DataPlaneTokens staticTokens, NodeTokenVerifier nodeTokens,
            SecurityEvents securityEvents) {
        this.staticTokens = staticTokens;
        this.nodeTokens = nodeTokens;
        this.securityEvents = securityEvents;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String token = bearerToken(headers.get(AUTHORIZATION));
        if (token == null) {
            return refuse(call, "no bearer token");
        }
        Optional<CallerNode> caller = staticTokens.matches(token)
                ? Optional.of(new CallerNode(STATIC_TOKEN_NODE, CallerNode.DEFAULT_POOL))
                : nodeTokens.verify(token);
        if (caller.isEmpty()) {
            return refuse(call, "an unknown, expired or badly signed bearer token");
        }
        return Contexts.interceptCall(Context.current().withValue(CallerNodes.KEY, caller.get()), call, headers, next);
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String why) {
        String remote = String.valueOf(call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR));
        securityEvents.callerRefused(remote, call.getMethodDescriptor().getFullMethodName(), why);
        call.close(Status.UNAUTHENTICATED.withDescription(REFUSAL), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
