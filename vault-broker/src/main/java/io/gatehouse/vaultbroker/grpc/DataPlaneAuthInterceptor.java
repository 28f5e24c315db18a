package io.gatehouse.vaultbroker.grpc;

import io.gatehouse.vaultbroker.service.DataPlaneTokens;
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

/**
 * Lets a gRPC call through only with {@code authorization: Bearer <data-plane token>}. Applies to every
 * service of the broker. A refusal is logged without the token and answered with a generic message.
 */
@GlobalInterceptor
@ApplicationScoped
public class DataPlaneAuthInterceptor implements ServerInterceptor {

    static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    static final String REFUSAL = "a valid data-plane token is required";

    private static final Logger LOG = Logger.getLogger(DataPlaneAuthInterceptor.class);
    private static final String BEARER = "bearer ";

    private final DataPlaneTokens tokens;

    public DataPlaneAuthInterceptor(DataPlaneTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String token = bearerToken(headers.get(AUTHORIZATION));
        if (token == null) {
            return refuse(call, "no bearer token");
        }
        if (!tokens.matches(token)) {
            return refuse(call, "an unknown bearer token");
        }
        return next.startCall(call, headers);
    }

    private static String bearerToken(String authorization) {
        if (authorization == null || authorization.length() <= BEARER.length()
                || !authorization.substring(0, BEARER.length()).toLowerCase(Locale.ROOT).equals(BEARER)) {
            return null;
        }
        String token = authorization.substring(BEARER.length()).trim();
        return token.isEmpty() ? null : token;
    }

    private static <Q, R> ServerCall.Listener<Q> refuse(ServerCall<Q, R> call, String why) {
        LOG.warnf("refused %s from %s: %s", call.getMethodDescriptor().getFullMethodName(),
                call.getAttributes().get(Grpc.TRANSPORT_ATTR_REMOTE_ADDR), why);
        call.close(Status.UNAUTHENTICATED.withDescription(REFUSAL), new Metadata());
        return new ServerCall.Listener<>() {
        };
    }
}
