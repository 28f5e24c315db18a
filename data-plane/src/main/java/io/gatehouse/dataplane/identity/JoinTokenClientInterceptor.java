package io.gatehouse.dataplane.identity;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ForwardingClientCall;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import jakarta.enterprise.context.ApplicationScoped;

/** Presents this node's join token on calls to the control plane (registered on the control-plane client only). */
@ApplicationScoped
public class JoinTokenClientInterceptor implements ClientInterceptor {

    static final Metadata.Key<String> AUTHORIZATION = Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

    private final String authorization;

    public JoinTokenClientInterceptor(DataPlaneConfig config) {
        this.authorization = "Bearer " + config.controlPlane().joinToken().orElse("");
    }

    @Override
    public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options, Channel next) {
        return new ForwardingClientCall.SimpleForwardingClientCall<>(next.newCall(method, options)) {
            @Override
            public void start(Listener<R> listener, Metadata headers) {
                headers.put(AUTHORIZATION, authorization);
                super.start(listener, headers);
            }
        };
    }
}
