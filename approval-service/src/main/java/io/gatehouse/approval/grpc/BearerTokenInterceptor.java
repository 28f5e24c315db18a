package io.gatehouse.approval.grpc;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes the bearer token of the {@code authorization} metadata entry available to the service call. */
@ApplicationScoped
public class BearerTokenInterceptor implements ServerInterceptor {

    static final Context.Key<String> BEARER_TOKEN = Context.key("gatehouse-bearer-token");

    private static final Metadata.Key<String> AUTHORIZATION =
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);
    private static final String BEARER = "bearer ";

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
            ServerCallHandler<Q, R> next) {
        String value = headers.get(AUTHORIZATION);
        String token = value != null && value.regionMatches(true, 0, BEARER, 0, BEARER.length())
                ? value.substring(BEARER.length()).trim() : null;
        return Contexts.interceptCall(Context.current().withValue(BEARER_TOKEN, token), call, headers, next);
    }
}
