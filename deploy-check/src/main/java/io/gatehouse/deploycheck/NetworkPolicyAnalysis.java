package io.gatehouse.deploycheck;

import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Who the NetworkPolicies of one overlay let in, per target workload and port, following the API's
 * semantics for ingress: a pod selected by no policy admits everything; otherwise the union of the
 * rules of the policies selecting it; a rule without {@code from} admits any source, a peer with only a
 * {@code podSelector} means pods of the same namespace.
 */
public final class NetworkPolicyAnalysis {

    /** One source admitted to a port. {@code peer} is empty when the rule admits any source. */
    public record Admission(String policy, Optional<NetworkPolicyPeer> peer) {

        public boolean anySource() {
            return peer.isEmpty();
        }

        /** Pods of this namespace only (a podSelector without namespaceSelector or ipBlock). */
        public boolean sameNamespacePods() {
            return peer.isPresent() && peer.get().getPodSelector() != null
                    && peer.get().getNamespaceSelector() == null && peer.get().getIpBlock() == null;
        }

        public Map<String, String> podLabelsRequired() {
            if (!sameNamespacePods() || peer.get().getPodSelector().getMatchLabels() == null) {
                return Map.of();
            }
            return peer.get().getPodSelector().getMatchLabels();
        }

        public String describe() {
            return policy + ": " + peer.map(Object::toString).orElse("any source");
        }
    }

    private final Manifests manifests;

    public NetworkPolicyAnalysis(Manifests manifests) {
        this.manifests = manifests;
    }

    /** A policy that selects every pod, is of type Ingress and admits nothing. */
    public boolean hasDefaultDenyIngress() {
        return manifests.of(NetworkPolicy.class).stream().anyMatch(p -> Selectors.selectsAll(p.getSpec().getPodSelector())
                && p.getSpec().getPolicyTypes() != null && p.getSpec().getPolicyTypes().contains("Ingress")
                && (p.getSpec().getIngress() == null || p.getSpec().getIngress().isEmpty()));
    }

    /** Whether any policy selects the workload's pods for ingress (if none, everything is admitted). */
    public boolean isolated(Workload target) {
        return policiesFor(target).findAny().isPresent();
    }

    /** Every source admitted to {@code port} of the target's pods; one "any source" entry when not isolated. */
    public List<Admission> admissions(Workload target, int port) {
        List<Admission> admissions = new ArrayList<>();
        if (!isolated(target)) {
            admissions.add(new Admission("(no policy selects " + target.id() + ")", Optional.empty()));
            return admissions;
        }
        policiesFor(target).forEach(policy -> {
            List<NetworkPolicyIngressRule> rules = policy.getSpec().getIngress() == null ? List.of() : policy.getSpec().getIngress();
            for (NetworkPolicyIngressRule rule : rules) {
                if (!coversPort(target, rule.getPorts(), port)) {
                    continue;
                }
                String name = policy.getMetadata().getName();
                if (rule.getFrom() == null || rule.getFrom().isEmpty()) {
                    admissions.add(new Admission(name, Optional.empty()));
                } else {
                    rule.getFrom().forEach(peer -> admissions.add(new Admission(name, Optional.of(peer))));
                }
            }
        });
        return admissions;
    }

    /** Whether pods of {@code source} (same namespace) may open connections to {@code port} of {@code target}. */
    public boolean admits(Workload source, Workload target, int port) {
        return admissions(target, port).stream().anyMatch(a -> a.anySource()
                || (a.sameNamespacePods() && Selectors.matches(a.peer().get().getPodSelector(), source.podLabels())));
    }

    private java.util.stream.Stream<NetworkPolicy> policiesFor(Workload target) {
        return manifests.of(NetworkPolicy.class).stream()
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), target.podLabels()))
                .filter(p -> p.getSpec().getPolicyTypes() == null ? p.getSpec().getIngress() != null
                        : p.getSpec().getPolicyTypes().contains("Ingress"));
    }

    private static boolean coversPort(Workload target, List<NetworkPolicyPort> ports, int port) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (NetworkPolicyPort p : ports) {
            if (p.getProtocol() != null && !"TCP".equals(p.getProtocol())) {
                continue;
            }
            IntOrString value = p.getPort();
            if (value == null) {
                return true;
            }
            Integer number = value.getIntVal();
            if (number == null) {
                number = target.declaredPort(value).map(ContainerPort::getContainerPort).orElse(null);
            }
            if (number != null && (number == port || (p.getEndPort() != null && number <= port && port <= p.getEndPort()))) {
                return true;
            }
        }
        return false;
    }
}
