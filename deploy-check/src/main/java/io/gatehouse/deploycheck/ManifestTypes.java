package io.gatehouse.deploycheck;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PersistentVolumeClaim;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The API types the manifests may contain, by {@code apiVersion} and {@code kind}. A kind or version outside
 * this list is refused: the list is what the checks understand, and e.g. {@code autoscaling/v1} or
 * {@code policy/v1beta1} are not what a current cluster should be given.
 */
public final class ManifestTypes {

    private static final Map<String, Class<? extends HasMetadata>> TYPES = Map.ofEntries(
            Map.entry(key("v1", "Namespace"), Namespace.class),
            Map.entry(key("v1", "ServiceAccount"), ServiceAccount.class),
            Map.entry(key("v1", "ConfigMap"), ConfigMap.class),
            Map.entry(key("v1", "Secret"), Secret.class),
            Map.entry(key("v1", "Service"), Service.class),
            Map.entry(key("v1", "PersistentVolumeClaim"), PersistentVolumeClaim.class),
            Map.entry(key("apps/v1", "Deployment"), Deployment.class),
            Map.entry(key("apps/v1", "StatefulSet"), StatefulSet.class),
            Map.entry(key("autoscaling/v2", "HorizontalPodAutoscaler"), HorizontalPodAutoscaler.class),
            Map.entry(key("policy/v1", "PodDisruptionBudget"), PodDisruptionBudget.class),
            Map.entry(key("networking.k8s.io/v1", "NetworkPolicy"), NetworkPolicy.class),
            Map.entry(key("networking.k8s.io/v1", "Ingress"), Ingress.class));

    private ManifestTypes() {
    }

    public static Optional<Class<? extends HasMetadata>> typeOf(String apiVersion, String kind) {
        return Optional.ofNullable(TYPES.get(key(apiVersion, kind)));
    }

    public static String known() {
        return String.join(", ", new TreeSet<>(TYPES.keySet()));
    }

    private static String key(String apiVersion, String kind) {
        return apiVersion + " " + kind;
    }
}
