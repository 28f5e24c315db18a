package io.gatehouse.deploycheck;

import io.fabric8.kubernetes.api.model.Capabilities;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.SeccompProfile;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.VolumeMount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What every workload must be: probed on its Quarkus health endpoints, bounded in CPU and memory, non-root
 * on a read-only root filesystem without privilege escalation or capabilities, on a pinned image, and
 * without a Kubernetes API token it does not use. Each method returns the violations, empty when none.
 */
public final class WorkloadRules {

    static final String READY = "/q/health/ready";
    static final String LIVE = "/q/health/live";
    static final String STARTED = "/q/health/started";

    private WorkloadRules() {
    }

    public static List<String> check(Workload workload) {
        List<String> violations = new ArrayList<>();
        violations.addAll(probes(workload));
        violations.addAll(resources(workload));
        violations.addAll(security(workload));
        violations.addAll(images(workload));
        violations.addAll(mounts(workload));
        return violations;
    }

    public static List<String> probes(Workload workload) {
        List<String> violations = new ArrayList<>();
        for (Container c : workload.template().getSpec().getContainers()) {
            String where = workload.id() + " container " + c.getName();
            probe(workload, where + " readinessProbe", c.getReadinessProbe(), READY, true, violations);
            probe(workload, where + " livenessProbe", c.getLivenessProbe(), LIVE, true, violations);
            probe(workload, where + " startupProbe", c.getStartupProbe(), STARTED, false, violations);
        }
        return violations;
    }

    private static void probe(Workload workload, String where, Probe probe, String path, boolean required,
            List<String> violations) {
        if (probe == null) {
            if (required) {
                violations.add(where + " is missing");
            }
            return;
        }
        if (probe.getHttpGet() == null) {
            violations.add(where + " is not an HTTP GET of " + path);
            return;
        }
        if (!path.equals(probe.getHttpGet().getPath())) {
            violations.add(where + " GETs " + probe.getHttpGet().getPath() + ", not " + path);
        }
        if (workload.declaredPort(probe.getHttpGet().getPort()).isEmpty()) {
            violations.add(where + " targets port " + probe.getHttpGet().getPort().getValue()
                    + ", which no container declares");
        }
    }

    public static List<String> resources(Workload workload) {
        List<String> violations = new ArrayList<>();
        for (Container c : workload.containers()) {
            String where = workload.id() + " container " + c.getName();
            ResourceRequirements r = c.getResources();
            Map<String, Quantity> requests = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
            Map<String, Quantity> limits = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
            for (String resource : List.of("cpu", "memory")) {
                Quantity request = requests.get(resource);
                Quantity limit = limits.get(resource);
                if (request == null) {
                    violations.add(where + " has no " + resource + " request");
                }
                if (limit == null) {
                    violations.add(where + " has no " + resource + " limit");
                }
                if (request != null && limit != null
                        && request.getNumericalAmount().compareTo(limit.getNumericalAmount()) > 0) {
                    violations.add(where + " requests more " + resource + " (" + request + ") than its limit (" + limit + ")");
                }
            }
        }
        return violations;
    }

    public static List<String> security(Workload workload) {
        List<String> violations = new ArrayList<>();
        PodSpec pod = workload.template().getSpec();
        PodSecurityContext podContext = pod.getSecurityContext() == null ? new PodSecurityContext() : pod.getSecurityContext();
        if (!Boolean.FALSE.equals(pod.getAutomountServiceAccountToken())) {
            violations.add(workload.id() + " mounts a Kubernetes API token (set automountServiceAccountToken: false)");
        }
        if (Boolean.TRUE.equals(pod.getHostNetwork()) || Boolean.TRUE.equals(pod.getHostPID()) || Boolean.TRUE.equals(pod.getHostIPC())) {
            violations.add(workload.id() + " shares a host namespace");
        }
        for (Container c : workload.containers()) {
            String where = workload.id() + " container " + c.getName();
            SecurityContext sc = c.getSecurityContext() == null ? new SecurityContext() : c.getSecurityContext();
            Boolean nonRoot = sc.getRunAsNonRoot() != null ? sc.getRunAsNonRoot() : podContext.getRunAsNonRoot();
            Long user = sc.getRunAsUser() != null ? sc.getRunAsUser() : podContext.getRunAsUser();
            if (!Boolean.TRUE.equals(nonRoot)) {
                violations.add(where + " does not set runAsNonRoot: true");
            }
            if (user == null || user == 0) {
                violations.add(where + " has no non-zero runAsUser");
            }
            if (!Boolean.TRUE.equals(sc.getReadOnlyRootFilesystem())) {
                violations.add(where + " does not set readOnlyRootFilesystem: true");
            }
            if (!Boolean.FALSE.equals(sc.getAllowPrivilegeEscalation())) {
                violations.add(where + " does not set allowPrivilegeEscalation: false");
            }
            if (Boolean.TRUE.equals(sc.getPrivileged())) {
                violations.add(where + " is privileged");
            }
            Capabilities caps = sc.getCapabilities();
            if (caps == null || caps.getDrop() == null || !caps.getDrop().contains("ALL")) {
                violations.add(where + " does not drop ALL capabilities");
            }
            if (caps != null && caps.getAdd() != null && !caps.getAdd().isEmpty()) {
                violations.add(where + " adds capabilities " + caps.getAdd());
            }
            SeccompProfile seccomp = sc.getSeccompProfile() != null ? sc.getSeccompProfile() : podContext.getSeccompProfile();
            if (seccomp == null || !"RuntimeDefault".equals(seccomp.getType())) {
                violations.add(where + " does not use the RuntimeDefault seccomp profile");
            }
        }
        return violations;
    }

    public static List<String> images(Workload workload) {
        List<String> violations = new ArrayList<>();
        for (Container c : workload.containers()) {
            ImageReference image = ImageReference.parse(c.getImage());
            if (!image.pinned()) {
                violations.add(workload.id() + " container " + c.getName() + " image '" + c.getImage()
                        + "' is not pinned (needs a tag other than latest, or a digest)");
            }
        }
        return violations;
    }

    /** Every mount names a volume; with a read-only root filesystem, /tmp must be a writable volume. */
    public static List<String> mounts(Workload workload) {
        List<String> violations = new ArrayList<>();
        Set<String> names = workload.volumeNames();
        for (Container c : workload.containers()) {
            List<VolumeMount> mounts = c.getVolumeMounts() == null ? List.of() : c.getVolumeMounts();
            for (VolumeMount m : mounts) {
                if (!names.contains(m.getName())) {
                    violations.add(workload.id() + " container " + c.getName() + " mounts undeclared volume " + m.getName());
                }
            }
            boolean tmp = mounts.stream().anyMatch(m -> "/tmp".equals(m.getMountPath()) && !Boolean.TRUE.equals(m.getReadOnly()));
            if (!tmp) {
                violations.add(workload.id() + " container " + c.getName() + " has no writable /tmp volume");
            }
        }
        return violations;
    }
}
