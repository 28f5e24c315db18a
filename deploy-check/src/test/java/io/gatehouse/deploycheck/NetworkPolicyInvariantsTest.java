package io.gatehouse.deploycheck;

import static io.gatehouse.deploycheck.WorkloadInvariantsTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Only data planes reach the vault broker; the control plane only from Gatehouse's services and the admin path. */
class NetworkPolicyInvariantsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "dev", "prod", "prod-persistent"})
    void theDesignsNetworkRulesHold(String overlay) {
        List<String> violations = GatehouseNetworkRules.check(Overlays.rendered(overlay));
        assertTrue(violations.isEmpty(), overlay + ":\n" + String.join("\n", violations));
    }

    @Test
    void whoReachesWhatInProd() {
        Manifests prod = Overlays.rendered("prod");
        NetworkPolicyAnalysis a = new NetworkPolicyAnalysis(prod);
        Workload dp = workload(prod, "data-plane");
        Workload cp = workload(prod, "control-plane");
        Workload vb = workload(prod, "vault-broker");
        Workload as = workload(prod, "approval-service");
        assertTrue(a.admits(dp, vb, 9083));
        assertFalse(a.admits(cp, vb, 9083));
        assertFalse(a.admits(as, vb, 9083));
        assertFalse(a.admits(dp, vb, 8083), "the broker's HTTP port is for probes and metrics only");
        for (Workload streamer : List.of(dp, vb, as)) {
            assertTrue(a.admits(streamer, cp, 9081), streamer.id());
        }
        assertTrue(a.admits(dp, as, 9082));
        assertFalse(a.admits(vb, as, 9082));
        assertTrue(a.admits(vb, dp, 8080), "the proxy port admits any caller");
        assertFalse(a.admits(vb, dp, 9080), "the management port admits only the metrics scraper");
        assertTrue(a.admissions(cp, 8081).stream().anyMatch(x -> x.peer().isPresent() && x.peer().get().getNamespaceSelector() != null),
                "the admin path (ingress controller namespace) reaches the control plane's HTTP port");
    }

    @Test
    void aVaultBrokerOpenToAnyPodIsReported() {
        Manifests prod = Overlays.rendered("prod");
        NetworkPolicy open = new NetworkPolicyBuilder(prod.get(NetworkPolicy.class, "vault-broker-from-data-planes"))
                .editSpec().editFirstIngress().editFirstFrom().withNewPodSelector().endPodSelector()
                .endFrom().endIngress().endSpec().build();
        List<String> violations = GatehouseNetworkRules.check(Fixtures.replacing(prod, open));
        assertHas(violations, v -> v.startsWith("vault broker gRPC port 9083 admits more than data-plane pods"));
        assertHas(violations, v -> v.equals("Deployment/control-plane may reach the vault broker's port 9083"));
    }

    @Test
    void aControlPlaneGrpcPortOpenToAnotherNamespaceIsReported() {
        Manifests prod = Overlays.rendered("prod");
        NetworkPolicy wide = new NetworkPolicyBuilder(prod.get(NetworkPolicy.class, "control-plane-from-gatehouse-and-admin"))
                .editSpec().editLastIngress().addNewPort().withNewPort(9081).withProtocol("TCP").endPort()
                .endIngress().endSpec().build();
        assertHas(GatehouseNetworkRules.check(Fixtures.replacing(prod, wide)),
                v -> v.startsWith("control plane gRPC port admits another namespace"));
    }

    @Test
    void anotherWorkloadWearingTheDataPlaneLabelIsReported() {
        Manifests prod = Overlays.rendered("prod");
        Deployment impostor = new DeploymentBuilder(prod.get(Deployment.class, "approval-service"))
                .editSpec().editTemplate().editMetadata().addToLabels("gatehouse.io/role", "data-plane")
                .endMetadata().endTemplate().endSpec().build();
        List<String> violations = GatehouseNetworkRules.check(Fixtures.replacing(prod, impostor));
        assertHas(violations, v -> v.contains("Deployment/approval-service pods carry the data-plane label"));
        assertHas(violations, v -> v.equals("Deployment/approval-service may reach the vault broker's port 9083"));
    }

    @Test
    void withoutDefaultDenyEverythingIsReported() {
        Manifests prod = Overlays.rendered("prod");
        Manifests noPolicies = new Manifests("no-policies",
                prod.all().stream().filter(o -> !(o instanceof NetworkPolicy)).toList());
        List<String> violations = GatehouseNetworkRules.check(noPolicies);
        assertHas(violations, v -> v.startsWith("no default-deny ingress NetworkPolicy"));
        assertHas(violations, v -> v.startsWith("vault broker gRPC port 9083 admits more than data-plane pods"));
    }

    private static Workload workload(Manifests m, String name) {
        return Workload.in(m).stream().filter(w -> w.name().equals(name)).findFirst().orElseThrow();
    }
}
