package io.gatehouse.dataplane.grpc;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.NameResolverRegistry;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class TargetListNameResolverTest {

    private final TargetListNameResolverProvider provider = new TargetListNameResolverProvider();

    @Test
    void gRpcFindsTheProviderForItsSchemeAndDnsStaysTheDefault() {
        NameResolverRegistry registry = NameResolverRegistry.getDefaultRegistry();
        assertNotNull(registry.getProviderForScheme(TargetListNameResolverProvider.SCHEME), "registered through META-INF/services");
        assertEquals("dns", registry.getDefaultScheme());
    }

    @Test
    void everyTargetResolvesToOneAddressGroupEachInTheConfiguredOrder() throws Exception {
        NameResolver resolver = provider.newNameResolver(
                URI.create("gatehouse-targets:///127.0.0.2:7001,127.0.0.1:9081"), args());
        assertEquals("127.0.0.2:7001", resolver.getServiceAuthority());

        List<EquivalentAddressGroup> groups = resolve(resolver).get(10, TimeUnit.SECONDS);

        assertEquals(List.of(new InetSocketAddress("127.0.0.2", 7001), new InetSocketAddress("127.0.0.1", 9081)),
                groups.stream().map(group -> group.getAddresses().get(0)).toList());
        resolver.shutdown();
    }

    @Test
    void otherSchemesAreNotItsBusiness() {
        assertNull(provider.newNameResolver(URI.create("dns:///localhost:9081"), args()));
    }

    private static CompletableFuture<List<EquivalentAddressGroup>> resolve(NameResolver resolver) {
        CompletableFuture<List<EquivalentAddressGroup>> result = new CompletableFuture<>();
        resolver.start(new NameResolver.Listener2() {
            @Override
            public void onResult(NameResolver.ResolutionResult resolution) {
                result.complete(resolution.getAddressesOrError().getValue());
            }

            @Override
            public void onError(Status error) {
                result.completeExceptionally(error.asRuntimeException());
            }
        });
        return result;
    }

    private static NameResolver.Args args() {
        return NameResolver.Args.newBuilder()
                .setDefaultPort(443)
                .setProxyDetector(address -> null)
                .setSynchronizationContext(new SynchronizationContext((thread, failure) -> {
                    throw new AssertionError(failure);
                }))
                .setServiceConfigParser(new NameResolver.ServiceConfigParser() {
                    @Override
                    public NameResolver.ConfigOrError parseServiceConfig(java.util.Map<String, ?> rawServiceConfig) {
                        return null;
                    }
                })
                .build();
    }
}
