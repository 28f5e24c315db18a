package io.gatehouse.deploycheck;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.KeyToPath;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.IngressBackend;
import io.fabric8.kubernetes.api.model.networking.v1.IngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.IngressTLS;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every name one object uses to reach another resolves within the rendered overlay: Secrets and ConfigMaps
 * (and their keys) used by pods and Ingresses — or, for Secrets, the overlay's documented external list —,
 * ServiceAccounts, Services' selectors and target ports, Ingress backends, the HPA's target and the PDBs'
 * selectors. Each method returns the violations, empty when none.
 */
public final class ReferenceRules {

    private ReferenceRules() {
    }

    public static List<String> check(Manifests m, ExternalSecrets external) {
        List<String> violations = new ArrayList<>();
        violations.addAll(secretsAndConfigMaps(m, external));
        violations.addAll(serviceAccounts(m));
        violations.addAll(services(m));
        violations.addAll(ingresses(m, external));
        violations.addAll(autoscalers(m));
        violations.addAll(disruptionBudgets(m));
        return violations;
    }

    public static List<String> secretsAndConfigMaps(Manifests m, ExternalSecrets external) {
        List<String> violations = new ArrayList<>();
        for (Workload w : Workload.in(m)) {
            for (Container c : w.containers()) {
                String where = w.id() + " container " + c.getName();
                for (EnvFromSource from : c.getEnvFrom() == null ? List.<EnvFromSource>of() : c.getEnvFrom()) {
                    if (from.getSecretRef() != null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        secret(m, external, where + " envFrom", from.getSecretRef().getName(), null, violations);
                    }
                    if (from.getConfigMapRef() != null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                        configMap(m, where + " envFrom", from.getConfigMapRef().getName(), null, violations);
                    }
                }
                for (EnvVar env : c.getEnv() == null ? List.<EnvVar>of() : c.getEnv()) {
                    if (env.getValueFrom() == null) {
                        continue;
                    }
                    SecretKeySelector s = env.getValueFrom().getSecretKeyRef();
                    if (s != null && !Boolean.TRUE.equals(s.getOptional())) {
                        secret(m, external, where + " env " + env.getName(), s.getName(), s.getKey(), violations);
                    }
                    ConfigMapKeySelector cm = env.getValueFrom().getConfigMapKeyRef();
                    if (cm != null && !Boolean.TRUE.equals(cm.getOptional())) {
                        configMap(m, where + " env " + env.getName(), cm.getName(), cm.getKey(), violations);
                    }
                }
            }
            List<Volume> volumes = w.template().getSpec().getVolumes() == null ? List.of() : w.template().getSpec().getVolumes();
            for (Volume v : volumes) {
                String where = w.id() + " volume " + v.getName();
                if (v.getSecret() != null && !Boolean.TRUE.equals(v.getSecret().getOptional())) {
                    for (String key : keys(v.getSecret().getItems())) {
                        secret(m, external, where, v.getSecret().getSecretName(), key, violations);
                    }
                }
                if (v.getConfigMap() != null && !Boolean.TRUE.equals(v.getConfigMap().getOptional())) {
                    for (String key : keys(v.getConfigMap().getItems())) {
                        configMap(m, where, v.getConfigMap().getName(), key, violations);
                    }
                }
            }
        }
        return violations;
    }

    private static List<String> keys(List<KeyToPath> items) {
        List<String> keys = new ArrayList<>();
        if (items == null || items.isEmpty()) {
            keys.add(null);
        } else {
            items.forEach(i -> keys.add(i.getKey()));
        }
        return keys;
    }

    private static void secret(Manifests m, ExternalSecrets external, String where, String name, String key,
            List<String> violations) {
        var inOverlay = m.find(Secret.class, name);
        if (inOverlay.isPresent()) {
            Set<String> keys = new HashSet<>();
            if (inOverlay.get().getData() != null) {
                keys.addAll(inOverlay.get().getData().keySet());
            }
            if (inOverlay.get().getStringData() != null) {
                keys.addAll(inOverlay.get().getStringData().keySet());
            }
            if (key != null && !keys.contains(key)) {
                violations.add(where + " reads key '" + key + "' of Secret " + name + ", which has " + keys);
            }
        } else if (!external.declares(name)) {
            violations.add(where + " references Secret " + name + ", which is neither in the overlay nor in "
                    + ExternalSecrets.FILE);
        } else if (key != null && !external.declares(name, key)) {
            violations.add(where + " reads key '" + key + "' of external Secret " + name + ", not listed in "
                    + ExternalSecrets.FILE);
        }
    }

    private static void configMap(Manifests m, String where, String name, String key, List<String> violations) {
        var found = m.find(ConfigMap.class, name);
        if (found.isEmpty()) {
            violations.add(where + " references ConfigMap " + name + ", which the overlay does not contain");
        } else if (key != null && (found.get().getData() == null || !found.get().getData().containsKey(key))) {
            violations.add(where + " reads key '" + key + "' of ConfigMap " + name + ", which does not have it");
        }
    }

    public static List<String> serviceAccounts(Manifests m) {
        List<String> violations = new ArrayList<>();
        for (Workload w : Workload.in(m)) {
            String account = w.template().getSpec().getServiceAccountName();
            if (account == null || account.isBlank() || "default".equals(account)) {
                violations.add(w.id() + " runs as the namespace's default ServiceAccount; give it its own");
            } else if (m.find(ServiceAccount.class, account).isEmpty()) {
                violations.add(w.id() + " runs as ServiceAccount " + account + ", which the overlay does not contain");
            }
        }
        return violations;
    }

    /** Each Service selects the pods of exactly one workload and targets ports those pods declare. */
    public static List<String> services(Manifests m) {
        List<String> violations = new ArrayList<>();
        for (Service s : m.of(Service.class)) {
            Map<String, String> selector = s.getSpec().getSelector();
            List<Workload> selected = Workload.in(m).stream().filter(w -> Selectors.matches(selector, w.podLabels())).toList();
            if (selected.size() != 1) {
                violations.add(Manifests.id(s) + " selects " + selected.size() + " workloads (" + selector + "), not one");
                continue;
            }
            Workload w = selected.get(0);
            for (ServicePort p : s.getSpec().getPorts()) {
                IntOrString target = p.getTargetPort() != null ? p.getTargetPort() : new IntOrString(p.getPort());
                if (w.declaredPort(target).isEmpty()) {
                    violations.add(Manifests.id(s) + " port " + p.getName() + " targets " + target.getValue()
                            + ", which " + w.id() + " does not declare");
                }
            }
        }
        return violations;
    }

    public static List<String> ingresses(Manifests m, ExternalSecrets external) {
        List<String> violations = new ArrayList<>();
        for (Ingress ingress : m.of(Ingress.class)) {
            String where = Manifests.id(ingress);
            List<IngressBackend> backends = new ArrayList<>();
            if (ingress.getSpec().getDefaultBackend() != null) {
                backends.add(ingress.getSpec().getDefaultBackend());
            }
            for (IngressRule rule : ingress.getSpec().getRules() == null ? List.<IngressRule>of() : ingress.getSpec().getRules()) {
                if (rule.getHttp() != null) {
                    rule.getHttp().getPaths().stream().map(HTTPIngressPath::getBackend).forEach(backends::add);
                }
            }
            if (backends.isEmpty()) {
                violations.add(where + " routes nowhere");
            }
            for (IngressBackend b : backends) {
                if (b.getService() == null) {
                    violations.add(where + " has a backend that is not a Service");
                    continue;
                }
                var service = m.find(Service.class, b.getService().getName());
                if (service.isEmpty()) {
                    violations.add(where + " routes to Service " + b.getService().getName() + ", which does not exist");
                    continue;
                }
                var port = b.getService().getPort();
                boolean declared = port != null && service.get().getSpec().getPorts().stream().anyMatch(p ->
                        port.getName() != null ? port.getName().equals(p.getName()) : port.getNumber() != null && port.getNumber().equals(p.getPort()));
                if (!declared) {
                    violations.add(where + " routes to a port Service " + b.getService().getName() + " does not have");
                }
            }
            for (IngressTLS tls : ingress.getSpec().getTls() == null ? List.<IngressTLS>of() : ingress.getSpec().getTls()) {
                secret(m, external, where + " tls", tls.getSecretName(), "tls.crt", violations);
                secret(m, external, where + " tls", tls.getSecretName(), "tls.key", violations);
            }
        }
        return violations;
    }

    public static List<String> autoscalers(Manifests m) {
        List<String> violations = new ArrayList<>();
        for (HorizontalPodAutoscaler hpa : m.of(HorizontalPodAutoscaler.class)) {
            CrossVersionObjectReference ref = hpa.getSpec().getScaleTargetRef();
            boolean found = Workload.in(m).stream().anyMatch(w -> w.object().getKind().equals(ref.getKind())
                    && w.name().equals(ref.getName()) && "apps/v1".equals(ref.getApiVersion()));
            if (!found) {
                violations.add(Manifests.id(hpa) + " scales " + ref.getApiVersion() + " " + ref.getKind() + " " + ref.getName()
                        + ", which the overlay does not contain");
            }
            Integer min = hpa.getSpec().getMinReplicas();
            if (min == null || min < 1 || min > hpa.getSpec().getMaxReplicas()) {
                violations.add(Manifests.id(hpa) + " has minReplicas " + min + " outside 1.." + hpa.getSpec().getMaxReplicas());
            }
        }
        return violations;
    }

    /** Each PDB selects the pods of exactly one workload. */
    public static List<String> disruptionBudgets(Manifests m) {
        List<String> violations = new ArrayList<>();
        for (PodDisruptionBudget pdb : m.of(PodDisruptionBudget.class)) {
            long selected = Workload.in(m).stream().filter(w -> Selectors.matches(pdb.getSpec().getSelector(), w.podLabels())).count();
            if (selected != 1) {
                violations.add(Manifests.id(pdb) + " selects the pods of " + selected + " workloads, not one");
            }
            if ((pdb.getSpec().getMinAvailable() == null) == (pdb.getSpec().getMaxUnavailable() == null)) {
                violations.add(Manifests.id(pdb) + " must set exactly one of minAvailable and maxUnavailable");
            }
        }
        return violations;
    }
}
