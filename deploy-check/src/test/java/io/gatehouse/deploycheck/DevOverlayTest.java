package io.gatehouse.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/** dev: one replica each, its own throw-away secrets, a plain static store. */
class DevOverlayTest {

    private final Manifests dev = Overlays.rendered("dev");

    @Test
    void oneReplicaOfEachService() {
        for (String service : Overlays.SERVICES) {
            Integer replicas = dev.get(Deployment.class, service).getSpec().getReplicas();
            int count = replicas != null ? replicas : dev.get(HorizontalPodAutoscaler.class, service).getSpec().getMinReplicas();
            assertEquals(1, count, service);
        }
    }

    @Test
    void generatedSecretsAreRecognisablyDevOnly() {
        for (Secret s : dev.of(Secret.class)) {
            s.getData().forEach((key, value) -> {
                String decoded = new String(Base64.getMimeDecoder().decode(value), StandardCharsets.UTF_8);
                assertTrue(decoded.contains("dev-only") || key.equals("username"), s.getMetadata().getName() + "/" + key);
            });
        }
    }

    @Test
    void theDevStaticStoreIsPlainSoNoKeyIsSet() {
        var env = dev.get(Deployment.class, "vault-broker").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertTrue(env.stream().map(EnvVar::getName).noneMatch("GATEHOUSE_BROKER_STATIC_STORE_KEY"::equals));
        var prodEnv = Overlays.rendered("prod").get(Deployment.class, "vault-broker").getSpec().getTemplate().getSpec().getContainers().get(0).getEnv();
        assertTrue(prodEnv.stream().map(EnvVar::getName).anyMatch("GATEHOUSE_BROKER_STATIC_STORE_KEY"::equals),
                "prod reads its static store encrypted");
    }
}
