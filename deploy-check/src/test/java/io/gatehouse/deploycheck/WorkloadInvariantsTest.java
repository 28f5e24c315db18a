package io.gatehouse.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Probes, limits, non-root on a read-only root filesystem and pinned images on every workload. */
class WorkloadInvariantsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"base", "dev", "prod", "prod-persistent"})
    void everyWorkloadKeepsTheRules(String overlay) {
        List<Workload> workloads = Workload.in(Overlays.rendered(overlay));
        assertEquals(4, workloads.size());
        for (Workload w : workloads) {
            List<String> violations = WorkloadRules.check(w);
            assertTrue(violations.isEmpty(), overlay + ": " + String.join("\n", violations));
        }
    }

    @Test
    void aSloppyWorkloadIsRefusedForEachRule() {
        Workload sloppy = Workload.in(Fixtures.invalid("insecure-workload.yaml")).get(0);
        List<String> violations = WorkloadRules.check(sloppy);
        assertHas(violations, v -> v.contains("readinessProbe GETs /healthz"));
        assertHas(violations, v -> v.contains("readinessProbe targets port 9999"));
        assertHas(violations, v -> v.contains("livenessProbe is missing"));
        assertHas(violations, v -> v.contains("no memory limit"));
        assertHas(violations, v -> v.contains("requests more cpu"));
        assertHas(violations, v -> v.contains("runAsNonRoot"));
        assertHas(violations, v -> v.contains("non-zero runAsUser"));
        assertHas(violations, v -> v.contains("readOnlyRootFilesystem"));
        assertHas(violations, v -> v.contains("allowPrivilegeEscalation"));
        assertHas(violations, v -> v.contains("does not drop ALL"));
        assertHas(violations, v -> v.contains("adds capabilities [NET_ADMIN]"));
        assertHas(violations, v -> v.contains("seccomp"));
        assertHas(violations, v -> v.contains("mounts a Kubernetes API token"));
        assertHas(violations, v -> v.contains("'example/sloppy:latest' is not pinned"));
        assertHas(violations, v -> v.contains("no writable /tmp"));
    }

    @Test
    void imagesArePinnedByTagOrDigest() {
        assertTrue(ImageReference.parse("registry.example.com:5000/gatehouse/data-plane:0.1.0").pinned());
        assertTrue(ImageReference.parse("gatehouse/data-plane@sha256:" + "a".repeat(64)).pinned());
        assertTrue(!ImageReference.parse("registry.example.com:5000/gatehouse/data-plane").pinned());
        assertTrue(!ImageReference.parse("gatehouse/data-plane:latest").pinned());
        assertTrue(!ImageReference.parse("gatehouse/data-plane@sha256:short").pinned());
    }

    static void assertHas(List<String> violations, Predicate<String> expected) {
        assertTrue(violations.stream().anyMatch(expected), "expected violation not reported; got:\n" + String.join("\n", violations));
    }
}
