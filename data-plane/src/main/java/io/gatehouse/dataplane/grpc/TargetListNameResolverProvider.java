package io.gatehouse.dataplane.grpc;

import io.grpc.NameResolver;
import io.grpc.NameResolverProvider;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.util.Collection;
import java.util.List;

/**
 * gRPC name resolution for a list of replicas: channel targets {@code gatehouse-targets:///host[:port],…:defaultPort}
 * (what Quarkus builds from {@code quarkus.grpc.clients.<name>.name-resolver=gatehouse-targets}, {@code host=/<list>}
 * and {@code port}). Registered with grpc-java through {@code META-INF/services/io.grpc.NameResolverProvider}; its
 * priority is below the DNS resolver's, so targets without a scheme still mean DNS.
 */
public final class TargetListNameResolverProvider extends NameResolverProvider {

    public static final String SCHEME = "gatehouse-targets";

    @Override
    protected boolean isAvailable() {
        return true;
    }

    @Override
    protected int priority() {
        return 4;
    }

    @Override
    public String getDefaultScheme() {
        return SCHEME;
    }

    @Override
    public NameResolver newNameResolver(URI targetUri, NameResolver.Args args) {
        if (!SCHEME.equals(targetUri.getScheme())) {
            return null;
        }
        return new TargetListNameResolver(TargetList.fromChannelPath(targetUri.getPath()), args);
    }

    @Override
    public Collection<Class<? extends SocketAddress>> getProducedSocketAddressTypes() {
        return List.of(InetSocketAddress.class);
    }
}
