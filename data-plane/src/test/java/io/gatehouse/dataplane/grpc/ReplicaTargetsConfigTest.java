package io.gatehouse.dataplane.grpc;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.quarkus.runtime.configuration.DurationConverter;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The data plane's application.properties turn the targets settings into the gRPC clients' channel targets. */
class ReplicaTargetsConfigTest {

    @Test
    void withoutTargetsTheClientsUseTheSingleHostAndPort() throws IOException {
        SmallRyeConfig config = config(Map.of());

        assertEquals("/localhost", config.getValue("quarkus.grpc.clients.controlplane.host", String.class));
        assertEquals("9081", config.getValue("quarkus.grpc.clients.controlplane.port", String.class));
        assertEquals("/localhost", config.getValue("quarkus.grpc.clients.approval.host", String.class));
        assertEquals(TargetListNameResolverProvider.SCHEME, config.getValue("quarkus.grpc.clients.controlplane.name-resolver", String.class));
        assertEquals(Optional.empty(), config.getConfigMapping(DataPlaneConfig.class).replicas().controlPlaneTargets());
        assertEquals("localhost:9081", TargetList.fromChannelPath(channelPath(config, "controlplane")).toString());
    }

    @Test
    void targetsReplaceTheHostAndAreKnownToTheMapping() throws IOException {
        SmallRyeConfig config = config(Map.of("gatehouse.control-plane.targets", "cp-a:9181,cp-b",
                "gatehouse.approval.targets", "approval-a,approval-b:7082"));

        DataPlaneConfig mapped = config.getConfigMapping(DataPlaneConfig.class);
        assertEquals(Optional.of("cp-a:9181,cp-b"), mapped.replicas().controlPlaneTargets());
        assertEquals(Optional.of("approval-a,approval-b:7082"), mapped.replicas().approvalTargets());
        assertEquals("cp-a:9181,cp-b:9081", TargetList.fromChannelPath(channelPath(config, "controlplane")).toString());
        assertEquals("approval-a:9082,approval-b:7082", TargetList.fromChannelPath(channelPath(config, "approval")).toString());
        assertEquals("localhost", config.getValue("quarkus.grpc.clients.broker.host", String.class), "the broker keeps DNS");
    }

    /** What Quarkus makes of host and port: {@code <scheme>://<host>:<port>}, whose path the resolver reads. */
    private static String channelPath(SmallRyeConfig config, String client) {
        return config.getValue("quarkus.grpc.clients." + client + ".host", String.class) + ":"
                + config.getValue("quarkus.grpc.clients." + client + ".port", String.class);
    }

    private static SmallRyeConfig config(Map<String, String> overrides) throws IOException {
        return new SmallRyeConfigBuilder()
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(ReplicaTargetsConfigTest.class.getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(overrides, "test", 300))
                .withConverter(Duration.class, 200, new DurationConverter())
                .withMapping(DataPlaneConfig.class)
                .withValidateUnknown(true)
                .build();
    }
}
