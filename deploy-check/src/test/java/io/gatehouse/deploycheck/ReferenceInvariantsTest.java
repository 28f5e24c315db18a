package io.gatehouse.deploycheck;

import static io.gatehouse.deploycheck.WorkloadInvariantsTest.assertHas;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Secrets, ConfigMaps, ServiceAccounts, Services, Ingresses, the HPA and PDBs point at what exists. */
class ReferenceInvariantsTest {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"dev", "prod", "prod-persistent"})
    void everyReferenceResolves(String overlay) {
        List<String> violations = ReferenceRules.check(Overlays.rendered(overlay), Overlays.externalSecrets(overlay));
        assertTrue(violations.isEmpty(), overlay + ":\n" + String.join("\n", violations));
    }

    @Test
    void theBaseIsConsistentApartFromTheSecretsOverlaysProvide() {
        Manifests base = Overlays.rendered(Overlays.BASE);
        List<String> violations = new java.util.ArrayList<>();
        violations.addAll(ReferenceRules.serviceAccounts(base));
        violations.addAll(ReferenceRules.services(base));
        violations.addAll(ReferenceRules.autoscalers(base));
        violations.addAll(ReferenceRules.disruptionBudgets(base));
        assertTrue(violations.isEmpty(), String.join("\n", violations));
        // every Secret the base uses is one prod documents as external
        assertTrue(ReferenceRules.secretsAndConfigMaps(base, Overlays.externalSecrets("prod")).isEmpty());
    }

    @Test
    void prodCreatesNoSecretsAndDocumentsEveryOneItUses() {
        Manifests prod = Overlays.rendered("prod");
        assertEquals(List.of(), prod.of(Secret.class), "prod must not carry Secret values");
        assertTrue(Overlays.externalSecrets("prod").names().contains("gatehouse-join-tokens"));
    }

    @Test
    void anUndocumentedSecretIsReported() {
        Manifests prod = Overlays.rendered("prod");
        List<String> violations = ReferenceRules.secretsAndConfigMaps(prod, ExternalSecrets.parse("partial",
                "gatehouse-control-plane-db: username\n"));
        assertHas(violations, v -> v.contains("reads key 'password' of external Secret gatehouse-control-plane-db"));
        assertHas(violations, v -> v.contains("references Secret gatehouse-masking, which is neither"));
    }

    @Test
    void theHpaTargetsTheDataPlaneDeploymentEverywhere() {
        for (String overlay : List.of("base", "dev", "prod")) {
            var ref = Overlays.rendered(overlay).get(HorizontalPodAutoscaler.class, "data-plane").getSpec().getScaleTargetRef();
            assertEquals(List.of("apps/v1", "Deployment", "data-plane"), List.of(ref.getApiVersion(), ref.getKind(), ref.getName()), overlay);
            var metric = Overlays.rendered(overlay).get(HorizontalPodAutoscaler.class, "data-plane").getSpec().getMetrics().get(0);
            assertEquals("cpu", metric.getResource().getName(), overlay);
        }
    }

    @Test
    void brokenReferencesAreReported() {
        Manifests m = Fixtures.invalid("insecure-workload.yaml");
        List<String> violations = ReferenceRules.check(m, ExternalSecrets.none());
        assertHas(violations, v -> v.contains("references ConfigMap missing-config"));
        assertHas(violations, v -> v.contains("references Secret missing-secret"));
        assertHas(violations, v -> v.contains("default ServiceAccount"));
        assertHas(violations, v -> v.contains("Service/sloppy port http targets 8081"));
        assertHas(violations, v -> v.contains("Service/orphan selects 0 workloads"));
        assertHas(violations, v -> v.contains("routes to a port Service sloppy does not have"));
        assertHas(violations, v -> v.contains("references Secret undeclared-tls"));
        assertHas(violations, v -> v.contains("scales apps/v1 Deployment not-there"));
        assertHas(violations, v -> v.contains("minReplicas 5 outside 1..3"));
        assertHas(violations, v -> v.contains("selects the pods of 0 workloads"));
        assertHas(violations, v -> v.contains("exactly one of minAvailable and maxUnavailable"));
    }

    @Test
    void theExternalSecretListIsStrict() {
        assertThrows(IllegalArgumentException.class, () -> ExternalSecrets.parse("x", "no-keys:\n"));
        assertThrows(IllegalArgumentException.class, () -> ExternalSecrets.parse("x", "a: k\na: k2\n"));
        assertThrows(IllegalArgumentException.class, () -> ExternalSecrets.parse("x", "just-a-name\n"));
        ExternalSecrets s = ExternalSecrets.parse("x", "# comment\ndb: username password  # trailing\n");
        assertTrue(s.declares("db", "password") && !s.declares("db", "host"));
    }
}
