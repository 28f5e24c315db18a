package io.gatehouse.dataplane.identity;

import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Presents the current node token on calls to the vault broker (registered on the broker client only). */
@ApplicationScoped
public class NodeTokenClientInterceptor implements ClientInterceptor {

    private final NodeTokens nodeTokens;

    public NodeTokenClientInterceptor(NodeTokens nodeTokens) {
        this.nodeTokens = nodeTokens;
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                nodeTokens.current().ifPresent(token ->
                        headers.put(JoinTokenClientInterceptor.AUTHORIZATION, "Bearer " + token));
                super.start(listener, headers);
            }
        };
    }
}
