package io.gatehouse.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import org.junit.jupiter.api.Test;

/** prod: replicated, spread, budgeted, larger than dev, pinned images from the registry. */
class ProdOverlayTest {

    private final Manifests prod = Overlays.rendered("prod");
    private final Manifests dev = Overlays.rendered("dev");

    @Test
    void replicasAndAutoscaling() {
        assertEquals(2, prod.get(Deployment.class, "control-plane").getSpec().getReplicas());
        assertEquals(2, prod.get(Deployment.class, "approval-service").getSpec().getReplicas());
        assertEquals(2, prod.get(Deployment.class, "vault-broker").getSpec().getReplicas());
        assertNull(prod.get(Deployment.class, "data-plane").getSpec().getReplicas(), "the HPA owns the data plane's replicas");
        HorizontalPodAutoscaler hpa = prod.get(HorizontalPodAutoscaler.class, "data-plane");
        assertTrue(hpa.getSpec().getMinReplicas() >= 3, "prod runs at least 3 data planes");
        assertTrue(hpa.getSpec().getMaxReplicas() > hpa.getSpec().getMinReplicas());
    }

    @Test
    void everyBudgetIsAFloorThatStillAllowsADrain() {
        for (String service : Overlays.SERVICES) {
            PodDisruptionBudget pdb = prod.get(PodDisruptionBudget.class, service);
            assertNull(pdb.getSpec().getMaxUnavailable(), pdb.getMetadata().getName());
            assertNotNull(pdb.getSpec().getMinAvailable(), pdb.getMetadata().getName());
            int min = pdb.getSpec().getMinAvailable().getIntVal();
            Integer replicas = prod.get(Deployment.class, service).getSpec().getReplicas();
            int floor = replicas != null ? replicas : prod.get(HorizontalPodAutoscaler.class, service).getSpec().getMinReplicas();
            assertTrue(min >= 1 && min < floor, service + ": minAvailable " + min + " must leave one of " + floor + " pods evictable");
        }
    }

    @Test
    void replicasAreSpreadOverZonesAndNodes() {
        for (String service : Overlays.SERVICES) {
            PodSpec pod = prod.get(Deployment.class, service).getSpec().getTemplate().getSpec();
            var podLabels = prod.get(Deployment.class, service).getSpec().getTemplate().getMetadata().getLabels();
            assertTrue(pod.getTopologySpreadConstraints() != null && pod.getTopologySpreadConstraints().stream()
                    .anyMatch(t -> "topology.kubernetes.io/zone".equals(t.getTopologyKey())
                            && Selectors.matches(t.getLabelSelector(), podLabels)),
                    service + " has no zone spread over its own pods");
            var anti = pod.getAffinity() == null ? null : pod.getAffinity().getPodAntiAffinity();
            assertNotNull(anti, service + " has no pod anti-affinity");
            boolean byHost = anti.getRequiredDuringSchedulingIgnoredDuringExecution().stream().anyMatch(t -> "kubernetes.io/hostname".equals(t.getTopologyKey()))
                    || anti.getPreferredDuringSchedulingIgnoredDuringExecution().stream().anyMatch(t -> "kubernetes.io/hostname".equals(t.getPodAffinityTerm().getTopologyKey()));
            assertTrue(byHost, service + " is not spread over nodes");
        }
        assertTrue(prod.get(Deployment.class, "data-plane").getSpec().getTemplate().getSpec().getAffinity().getPodAntiAffinity()
                .getRequiredDuringSchedulingIgnoredDuringExecution().isEmpty(),
                "a required anti-affinity would cap the data plane's HPA at the number of nodes");
    }

    @Test
    void prodIsSizedAboveDev() {
        for (String service : Overlays.SERVICES) {
            Container p = prod.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            Container d = dev.get(Deployment.class, service).getSpec().getTemplate().getSpec().getContainers().get(0);
            for (String resource : new String[] {"cpu", "memory"}) {
                assertTrue(amount(p.getResources().getRequests().get(resource)).compareTo(amount(d.getResources().getRequests().get(resource))) > 0,
                        service + " prod " + resource + " request is not above dev's");
            }
        }
    }

    @Test
    void imagesArePinnedReleasesFromTheRegistry() {
        for (Workload w : Workload.in(prod)) {
            for (Container c : w.containers()) {
                ImageReference image = ImageReference.parse(c.getImage());
                assertTrue(image.pinned(), c.getImage());
                assertTrue(image.tag() == null || image.tag().matches("\\d+\\.\\d+\\.\\d+"), "prod runs release tags: " + c.getImage());
                assertTrue(image.repository().startsWith("registry.example.com/gatehouse/"), c.getImage());
            }
        }
    }

    private static java.math.BigDecimal amount(Quantity q) {
        return q.getNumericalAmount();
    }
}
