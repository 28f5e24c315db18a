package io.gatehouse.vaultbroker.grpc;

import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Presents the broker's join token on calls to the control plane (registered on that client only). */
@ApplicationScoped
public class JoinTokenClientInterceptor implements ClientInterceptor {

    private final String authorization;

    public JoinTokenClientInterceptor(BrokerConfig config) {
        this.authorization = "Bearer " + config.controlPlane().joinToken().orElse("");
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(DataPlaneAuthInterceptor.AUTHORIZATION, authorization);
                super.start(listener, headers);
            }
        };
    }
}
