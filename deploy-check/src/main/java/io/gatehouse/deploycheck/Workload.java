package io.gatehouse.deploycheck;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** A Deployment or StatefulSet seen through its pod template. */
public record Workload(HasMetadata object, PodTemplateSpec template, Integer replicas) {

    public static List<Workload> in(Manifests manifests) {
        List<Workload> workloads = new ArrayList<>();
        for (Deployment d : manifests.of(Deployment.class)) {
            workloads.add(new Workload(d, d.getSpec().getTemplate(), d.getSpec().getReplicas()));
        }
        for (StatefulSet s : manifests.of(StatefulSet.class)) {
            workloads.add(new Workload(s, s.getSpec().getTemplate(), s.getSpec().getReplicas()));
        }
        return workloads;
    }

    public String id() {
        return Manifests.id(object);
    }

    public String name() {
        return object.getMetadata().getName();
    }

    public Map<String, String> podLabels() {
        Map<String, String> labels = template.getMetadata() == null ? null : template.getMetadata().getLabels();
        return labels == null ? Map.of() : labels;
    }

    public List<Container> containers() {
        List<Container> all = new ArrayList<>(template.getSpec().getContainers());
        if (template.getSpec().getInitContainers() != null) {
            all.addAll(template.getSpec().getInitContainers());
        }
        return all;
    }

    /** Names a container may mount: the pod's volumes and, for a StatefulSet, its volume claim templates. */
    public java.util.Set<String> volumeNames() {
        java.util.Set<String> names = new java.util.HashSet<>();
        if (template.getSpec().getVolumes() != null) {
            template.getSpec().getVolumes().forEach(v -> names.add(v.getName()));
        }
        if (object instanceof StatefulSet s && s.getSpec().getVolumeClaimTemplates() != null) {
            s.getSpec().getVolumeClaimTemplates().forEach(c -> names.add(c.getMetadata().getName()));
        }
        return names;
    }

    /** The declared container port a probe's or Service's port (number or name) stands for. */
    public Optional<ContainerPort> declaredPort(IntOrString port) {
        if (port == null) {
            return Optional.empty();
        }
        return template.getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.empty() : c.getPorts().stream())
                .filter(p -> port.getIntVal() != null ? port.getIntVal().equals(p.getContainerPort())
                        : port.getStrVal() != null && port.getStrVal().equals(p.getName()))
                .findFirst();
    }
}
