package io.gatehouse.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The base and every overlay build with kubectl kustomize and every object parses strictly. */
class OverlayBuildTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "dev", "prod", "prod-persistent"})
    void buildsAndEveryObjectIsAKnownApiType(String overlay) {
        Manifests m = Overlays.rendered(overlay);
        assertFalse(m.all().isEmpty(), overlay + " renders no objects");
        Set<String> ids = new HashSet<>();
        for (HasMetadata o : m.all()) {
            assertTrue(ids.add(Manifests.id(o)), overlay + " renders " + Manifests.id(o) + " twice");
            if (!(o instanceof Namespace)) {
                assertEquals("gatehouse", o.getMetadata().getNamespace(), Manifests.id(o) + " is not in namespace gatehouse");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "dev", "prod", "prod-persistent"})
    void everyServiceHasItsObjects(String overlay) {
        Manifests m = Overlays.rendered(overlay);
        for (String service : Overlays.SERVICES) {
            assertTrue(Workload.in(m).stream().anyMatch(w -> w.name().equals(service)), overlay + ": no workload " + service);
            m.get(Service.class, service);
            m.get(ServiceAccount.class, service);
            m.get(PodDisruptionBudget.class, service);
        }
        m.get(HorizontalPodAutoscaler.class, "data-plane");
        m.get(Ingress.class, "data-plane");
        assertEquals(4, Workload.in(m).size(), overlay + ": workloads");
    }

    @Test
    void aMissingKubectlFailsWithHowToInstallIt() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new Kubectl("/nonexistent/bin/kubectl").kustomize(Overlays.dir("dev")));
        assertTrue(e.getMessage().contains("apt-get install -y kubernetes-client"), e.getMessage());
    }

    @Test
    void aBrokenOverlayFailsWithKustomizesMessage(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("kustomization.yaml"), "resources:\n  - missing.yaml\n");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Kubectl.fromEnvironment().kustomize(dir));
        assertTrue(e.getMessage().contains("missing.yaml"), e.getMessage());
    }
}
