package io.gatehouse.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import org.junit.jupiter.api.Test;

/** prod-persistent: the data plane's state dir (audit spool, last good snapshot) on a claim per replica. */
class PersistentStateOverlayTest {

    private final Manifests persistent = Overlays.rendered("prod-persistent");
    private final Manifests prod = Overlays.rendered("prod");

    @Test
    void theDataPlaneIsAStatefulSetWithItsStateDirOnAClaim() {
        assertTrue(persistent.find(Deployment.class, "data-plane").isEmpty(), "the Deployment is replaced");
        StatefulSet sts = persistent.get(StatefulSet.class, "data-plane");
        assertEquals("data-plane-pods", sts.getSpec().getServiceName());
        assertEquals("None", persistent.get(Service.class, "data-plane-pods").getSpec().getClusterIP());
        assertEquals("state", sts.getSpec().getVolumeClaimTemplates().get(0).getMetadata().getName());
        assertEquals("Retain", sts.getSpec().getPersistentVolumeClaimRetentionPolicy().getWhenScaled(),
                "a claim removed by scale-in may still hold unshipped audit records");
        PodSpec pod = sts.getSpec().getTemplate().getSpec();
        assertTrue(pod.getVolumes().stream().noneMatch(v -> v.getName().equals("state")), "no emptyDir shadows the claim");
        assertTrue(pod.getContainers().get(0).getVolumeMounts().stream()
                .anyMatch(m -> m.getName().equals("state") && m.getMountPath().equals("/var/lib/gatehouse/data-plane")));
    }

    @Test
    void everythingElseIsProd() {
        var ref = persistent.get(HorizontalPodAutoscaler.class, "data-plane").getSpec().getScaleTargetRef();
        assertEquals("StatefulSet", ref.getKind());
        assertEquals(prod.get(HorizontalPodAutoscaler.class, "data-plane").getSpec().getMinReplicas(),
                persistent.get(HorizontalPodAutoscaler.class, "data-plane").getSpec().getMinReplicas());
        PodSpec sts = persistent.get(StatefulSet.class, "data-plane").getSpec().getTemplate().getSpec();
        PodSpec dep = prod.get(Deployment.class, "data-plane").getSpec().getTemplate().getSpec();
        assertEquals(dep.getContainers(), sts.getContainers(), "same container as prod's data plane");
        assertEquals(dep.getSecurityContext(), sts.getSecurityContext());
        assertEquals(dep.getAffinity(), sts.getAffinity());
        assertEquals(dep.getTerminationGracePeriodSeconds(), sts.getTerminationGracePeriodSeconds());
        assertEquals(prod.all().size() + 1, persistent.all().size(), "prod's objects plus the headless Service");
    }
}
