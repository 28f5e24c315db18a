package io.gatehouse.controlplane.grpc;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.quarkus.grpc.GlobalInterceptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Makes the tests' gRPC clients present the default pool's join token of the test profile. */
@GlobalInterceptor
@ApplicationScoped
public class TestJoinTokenClientInterceptor implements ClientInterceptor {

    public static final String DEFAULT_POOL_TOKEN = "test-join-token-default-0123456789abcdef";
    public static final String EDGE_POOL_TOKEN = "test-join-token-edge-0123456789abcdef";

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                if (!headers.containsKey(JoinTokenAuthInterceptor.AUTHORIZATION)) {
                    headers.put(JoinTokenAuthInterceptor.AUTHORIZATION, "Bearer " + DEFAULT_POOL_TOKEN);
                }
                super.start(listener, headers);
            }
        };
    }
}
