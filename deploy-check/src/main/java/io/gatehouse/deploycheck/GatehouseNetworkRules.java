package io.gatehouse.deploycheck;

import io.fabric8.kubernetes.api.model.ContainerPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The network rules of the Gatehouse design, checked against an overlay's NetworkPolicies: default deny;
 * the vault broker reachable only from data-plane pods; the control plane only from data planes, the vault
 * broker, the approval service and (HTTP only) the admin ingress path; the approval service's gRPC only from
 * data planes; the data plane's proxy port from anywhere. Returns the violations, empty when none.
 */
public final class GatehouseNetworkRules {

    public static final String DATA_PLANE = "data-plane";
    public static final String CONTROL_PLANE = "control-plane";
    public static final String VAULT_BROKER = "vault-broker";
    public static final String APPROVAL_SERVICE = "approval-service";
    public static final Map<String, String> DATA_PLANE_LABEL = Map.of("gatehouse.io/role", "data-plane");

    private GatehouseNetworkRules() {
    }

    public static List<String> check(Manifests m) {
        NetworkPolicyAnalysis analysis = new NetworkPolicyAnalysis(m);
        List<String> violations = new ArrayList<>();
        if (!analysis.hasDefaultDenyIngress()) {
            violations.add("no default-deny ingress NetworkPolicy (podSelector {}, policyTypes [Ingress], no rules)");
        }
        Optional<Workload> dataPlane = workload(m, DATA_PLANE, violations);
        Optional<Workload> controlPlane = workload(m, CONTROL_PLANE, violations);
        Optional<Workload> broker = workload(m, VAULT_BROKER, violations);
        Optional<Workload> approvals = workload(m, APPROVAL_SERVICE, violations);
        if (dataPlane.isEmpty() || controlPlane.isEmpty() || broker.isEmpty() || approvals.isEmpty()) {
            return violations;
        }
        List<Workload> all = Workload.in(m);
        int brokerGrpc = port(broker.get(), "grpc");
        // the broker: its gRPC port admits data-plane pods and nothing else; no other workload reaches any of its ports
        for (NetworkPolicyAnalysis.Admission a : analysis.admissions(broker.get(), brokerGrpc)) {
            if (!a.sameNamespacePods() || !a.podLabelsRequired().entrySet().containsAll(DATA_PLANE_LABEL.entrySet())) {
                violations.add("vault broker gRPC port " + brokerGrpc + " admits more than data-plane pods: " + a.describe());
            }
        }
        for (ContainerPort p : ports(broker.get())) {
            for (Workload other : all) {
                if (!other.name().equals(DATA_PLANE) && analysis.admits(other, broker.get(), p.getContainerPort())) {
                    violations.add(other.id() + " may reach the vault broker's port " + p.getContainerPort());
                }
            }
        }
        if (!analysis.admits(dataPlane.get(), broker.get(), brokerGrpc)) {
            violations.add("data planes cannot reach the vault broker's gRPC port " + brokerGrpc);
        }
        // the control plane: gatehouse's own services on both ports, other namespaces (admin ingress path) on HTTP only
        Set<String> streamers = Set.of(DATA_PLANE, VAULT_BROKER, APPROVAL_SERVICE);
        int cpHttp = port(controlPlane.get(), "http");
        int cpGrpc = port(controlPlane.get(), "grpc");
        for (int p : List.of(cpHttp, cpGrpc)) {
            for (NetworkPolicyAnalysis.Admission a : analysis.admissions(controlPlane.get(), p)) {
                if (a.anySource() || a.peer().get().getIpBlock() != null) {
                    violations.add("control plane port " + p + " admits any source: " + a.describe());
                } else if (!a.sameNamespacePods() && p == cpGrpc) {
                    violations.add("control plane gRPC port admits another namespace: " + a.describe());
                }
            }
            for (Workload other : all) {
                boolean admitted = analysis.admits(other, controlPlane.get(), p);
                if (admitted && !streamers.contains(other.name())) {
                    violations.add(other.id() + " may reach the control plane's port " + p);
                }
            }
        }
        for (String name : streamers) {
            Workload w = all.stream().filter(x -> x.name().equals(name)).findFirst().orElseThrow();
            if (!analysis.admits(w, controlPlane.get(), cpGrpc)) {
                violations.add(w.id() + " cannot reach the control plane's gRPC port " + cpGrpc);
            }
        }
        // the approval service's gRPC: data planes only
        int approvalGrpc = port(approvals.get(), "grpc");
        for (NetworkPolicyAnalysis.Admission a : analysis.admissions(approvals.get(), approvalGrpc)) {
            if (!a.sameNamespacePods() || !a.podLabelsRequired().entrySet().containsAll(DATA_PLANE_LABEL.entrySet())) {
                violations.add("approval service gRPC port " + approvalGrpc + " admits more than data-plane pods: " + a.describe());
            }
        }
        if (!analysis.admits(dataPlane.get(), approvals.get(), approvalGrpc)) {
            violations.add("data planes cannot reach the approval service's gRPC port " + approvalGrpc);
        }
        // the proxy port is open to every caller
        int proxy = port(dataPlane.get(), "proxy");
        if (analysis.admissions(dataPlane.get(), proxy).stream().noneMatch(NetworkPolicyAnalysis.Admission::anySource)) {
            violations.add("the data plane's proxy port " + proxy + " is not reachable from any source");
        }
        // data-plane pods carry the label the policies admit
        if (!dataPlane.get().podLabels().entrySet().containsAll(DATA_PLANE_LABEL.entrySet())) {
            violations.add(dataPlane.get().id() + " pods lack the label " + DATA_PLANE_LABEL);
        }
        for (Workload other : all) {
            if (!other.name().equals(DATA_PLANE) && other.podLabels().entrySet().containsAll(DATA_PLANE_LABEL.entrySet())) {
                violations.add(other.id() + " pods carry the data-plane label " + DATA_PLANE_LABEL);
            }
        }
        return violations;
    }

    private static Optional<Workload> workload(Manifests m, String name, List<String> violations) {
        Optional<Workload> w = Workload.in(m).stream().filter(x -> x.name().equals(name)).findFirst();
        if (w.isEmpty()) {
            violations.add("no workload named " + name);
        }
        return w;
    }

    private static List<ContainerPort> ports(Workload w) {
        return w.template().getSpec().getContainers().stream()
                .flatMap(c -> c.getPorts() == null ? java.util.stream.Stream.empty() : c.getPorts().stream()).toList();
    }

    private static int port(Workload w, String name) {
        return ports(w).stream().filter(p -> name.equals(p.getName())).map(ContainerPort::getContainerPort).findFirst()
                .orElseThrow(() -> new ManifestException(w.id() + " declares no port named " + name));
    }
}
