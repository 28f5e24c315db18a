package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.ClaimMatcher;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * {@code kubernetes: {issuer, namespace, serviceAccount, audience, claims, force}}: projected
 * service-account tokens of one service account, pinned by {@code sub}
 * ({@code system:serviceaccount:<namespace>:<name>}) and the nested {@code kubernetes.io} claims.
 */
final class KubernetesPreset implements TrustBindingForm {

    static final String NAMESPACE_CLAIM = "kubernetes.io/namespace";
    static final String SERVICE_ACCOUNT_CLAIM = "kubernetes.io/serviceaccount/name";
    private static final Pattern DNS_LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?");

    @Override
    public String key() {
        return "kubernetes";
    }

    @Override
    public Set<String> allowedKeys() {
        return DeclarativeKeys.of(TrustValues.ISSUER, "namespace", "serviceAccount", TrustValues.AUDIENCE,
                TrustValues.CLAIMS, TrustValues.FORCE);
    }

    @Override
    public Optional<Expansion> expand(MappingReader kubernetes, TrustValues values) {
        Optional<String> issuer = values.issuer(kubernetes, null);
        Optional<String> namespace = name(kubernetes, "namespace", DNS_LABEL, "a namespace name (DNS label), e.g. ci");
        Optional<String> serviceAccount = name(kubernetes, "serviceAccount", DNS_SUBDOMAIN,
                "a service account name (DNS subdomain), e.g. deployer");
        Optional<String> audience = kubernetes.requiredText(TrustValues.AUDIENCE);
        if (issuer.isEmpty() || namespace.isEmpty() || serviceAccount.isEmpty() || audience.isEmpty()) {
            return Optional.empty();
        }
        SortedMap<String, ClaimMatcher> claims = new TreeMap<>();
        claims.put("sub", new ClaimMatcher.Exact("system:serviceaccount:" + namespace.get() + ":" + serviceAccount.get()));
        claims.put(NAMESPACE_CLAIM, new ClaimMatcher.Exact(namespace.get()));
        claims.put(SERVICE_ACCOUNT_CLAIM, new ClaimMatcher.Exact(serviceAccount.get()));
        return values.withExtraClaims(kubernetes, claims).map(all -> new Expansion(issuer.get(), List.of(audience.get()),
                all, Set.of("sub"), "namespace and serviceAccount name the service account"));
    }

    private static Optional<String> name(MappingReader kubernetes, String key, Pattern format, String what) {
        return kubernetes.requiredText(key).flatMap(name -> {
            if (!format.matcher(name).matches()) {
                kubernetes.problem(key, "must be " + what + ", was '" + name + "'");
                return Optional.empty();
            }
            return Optional.of(name);
        });
    }
}
