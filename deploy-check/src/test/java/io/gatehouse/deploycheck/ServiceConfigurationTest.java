package io.gatehouse.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The settings the services read agree with the manifests: ports, host names of the peers, and the
 * directories they write to are writable volumes on a read-only root filesystem.
 */
class ServiceConfigurationTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod", "prod-persistent"})
    void portsAndPeersAgreeWithTheManifests(String overlay) {
        Manifests m = Overlays.rendered(overlay);
        Map<String, String> cp = env(m, "control-plane");
        assertEquals("8081", cp.get("QUARKUS_HTTP_PORT"));
        assertEquals("9081", cp.get("QUARKUS_GRPC_SERVER_PORT"));
        assertPorts(m, "control-plane", Map.of("http", 8081, "grpc", 9081));

        Map<String, String> dp = env(m, "data-plane");
        assertEquals("9080", dp.get("QUARKUS_HTTP_PORT"));
        assertEquals("8080", dp.get("GATEHOUSE_PROXY_PORT"));
        assertPorts(m, "data-plane", Map.of("proxy", 8080, "management", 9080));
        assertPeer(m, dp, "GATEHOUSE_CONTROL_PLANE_HOST", "GATEHOUSE_CONTROL_PLANE_GRPC_PORT", "control-plane", 9081);
        assertPeer(m, dp, "GATEHOUSE_APPROVAL_HOST", "GATEHOUSE_APPROVAL_GRPC_PORT", "approval-service", 9082);
        assertPeer(m, dp, "GATEHOUSE_VAULT_BROKER_HOST", "GATEHOUSE_VAULT_BROKER_GRPC_PORT", "vault-broker", 9083);

        Map<String, String> vb = env(m, "vault-broker");
        assertPorts(m, "vault-broker", Map.of("http", 8083, "grpc", 9083));
        assertPeer(m, vb, "GATEHOUSE_BROKER_CONTROL_PLANE_GRPC_HOST", "GATEHOUSE_BROKER_CONTROL_PLANE_GRPC_PORT", "control-plane", 9081);
        assertEquals("http://control-plane:8081", vb.get("GATEHOUSE_BROKER_CONTROL_PLANE_URL"));

        Map<String, String> as = env(m, "approval-service");
        assertPorts(m, "approval-service", Map.of("http", 8082, "grpc", 9082));
        assertPeer(m, as, "GATEHOUSE_CONTROL_PLANE_HOST", "GATEHOUSE_CONTROL_PLANE_GRPC_PORT", "control-plane", 9081);
        assertTrue(as.containsKey("GATEHOUSE_APPROVAL_AUDIT_JOIN_TOKEN"), "the approval service refuses to start without its join token");
        assertTrue(as.containsKey("GATEHOUSE_APPROVAL_DEFAULT_APPROVER_GROUP"), "approvals naming no group must fail closed");
        assertTrue(dp.containsKey("GATEHOUSE_CONTROL_PLANE_JOIN_TOKEN") && dp.containsKey("GATEHOUSE_MASKING_HASH_KEY"));
        assertTrue(cp.containsKey("GATEHOUSE_CONTROL_PLANE_JOIN_TOKENS") && cp.containsKey("QUARKUS_DATASOURCE_PASSWORD"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod", "prod-persistent"})
    void theFilesTheServicesUseAreMounted(String overlay) {
        Manifests m = Overlays.rendered(overlay);
        String stateDir = env(m, "data-plane").get("GATEHOUSE_DATA_PLANE_STATE_DIR");
        VolumeMount state = mountAt(m, "data-plane", stateDir);
        assertTrue(!Boolean.TRUE.equals(state.getReadOnly()), "the data plane's state dir must be writable");
        String store = env(m, "vault-broker").get("GATEHOUSE_BROKER_STATIC_STORE_FILE");
        String storeDir = store.substring(0, store.lastIndexOf('/'));
        mountAt(m, "vault-broker", storeDir);
    }

    /** The environment a container gets: its ConfigMaps' entries overlaid by its own env (values or "ref"). */
    private static Map<String, String> env(Manifests m, String service) {
        Container c = container(m, service);
        Map<String, String> env = new HashMap<>();
        if (c.getEnvFrom() != null) {
            c.getEnvFrom().stream().filter(f -> f.getConfigMapRef() != null)
                    .forEach(f -> env.putAll(m.get(ConfigMap.class, f.getConfigMapRef().getName()).getData()));
        }
        for (EnvVar e : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
            env.put(e.getName(), e.getValue() != null ? e.getValue() : "(from " + e.getValueFrom() + ")");
        }
        return env;
    }

    private static Container container(Manifests m, String service) {
        return Workload.in(m).stream().filter(w -> w.name().equals(service)).findFirst().orElseThrow()
                .template().getSpec().getContainers().get(0);
    }

    private static void assertPorts(Manifests m, String service, Map<String, Integer> expected) {
        Map<String, Integer> declared = new HashMap<>();
        for (ContainerPort p : container(m, service).getPorts()) {
            declared.put(p.getName(), p.getContainerPort());
        }
        assertEquals(expected, declared, service + " container ports");
    }

    private static void assertPeer(Manifests m, Map<String, String> env, String hostKey, String portKey, String service, int port) {
        assertEquals(service, env.get(hostKey), hostKey);
        assertEquals(String.valueOf(port), env.get(portKey), portKey);
        Service s = m.get(Service.class, service);
        assertTrue(s.getSpec().getPorts().stream().anyMatch(p -> p.getPort() == port), "Service " + service + " has no port " + port);
    }

    private static VolumeMount mountAt(Manifests m, String service, String path) {
        return container(m, service).getVolumeMounts().stream().filter(v -> v.getMountPath().equals(path)).findFirst()
                .orElseThrow(() -> new AssertionError(service + " has no volume at " + path));
    }
}
