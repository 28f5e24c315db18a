package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.controlplane.domain.OidcTrust;
import io.gatehouse.controlplane.domain.OverlapCandidates;
import io.gatehouse.controlplane.domain.TrustBindingOverlap;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Reads the {@code trust:} mapping of identities — the generic {@code oidc} form and the presets,
 * each one binding or a list — refuses bindings that pin no workload (unless {@code force: true}),
 * and, once every identity is read, reports each pair of bindings that could accept the same token.
 */
final class TrustBindingParser {

    private static final List<TrustBindingForm> FORMS = List.of(new GenericOidcForm(), new GithubActionsPreset(),
            new GitlabCiPreset(), new KubernetesPreset(), new SpiffePreset());
    private static final Set<String> TRUST_KEYS = DeclarativeKeys.of(FORMS.stream().map(TrustBindingForm::key)
            .toArray(String[]::new));

    /** A binding read from the document, where it was written and of which identity. */
    private record LocatedBinding(String path, String identity, OidcTrust trust) {

        String describe() {
            return path + " of identity '" + identity + "'";
        }
    }

    private final ConfigProblems problems;
    private final TrustValues values;
    private final List<LocatedBinding> bindings = new ArrayList<>();

    TrustBindingParser(ConfigProblems problems) {
        this.problems = problems;
        this.values = new TrustValues(new ClaimMatcherParser(problems));
    }

    /** The bindings of the identity's {@code trust:}: none when it is absent, empty result when invalid. */
    Optional<List<OidcTrust>> parse(MappingReader identity) {
        if (!identity.has("trust")) {
            return Optional.of(List.of());
        }
        Optional<MappingReader> maybeTrust = identity.requiredMapping("trust", TRUST_KEYS);
        if (maybeTrust.isEmpty()) {
            return Optional.empty();
        }
        MappingReader trust = maybeTrust.get();
        // only for naming the identity in overlap problems; the identity parser reports a bad name
        String identityName = identity.value("name").filter(JsonNode::isTextual).map(JsonNode::textValue).orElse("?");
        if (FORMS.stream().noneMatch(form -> trust.has(form.key()))) {
            problems.add(trust.path(), "must hold at least one binding: " + String.join(", ", TRUST_KEYS));
            return Optional.empty();
        }
        List<OidcTrust> parsed = new ArrayList<>();
        boolean valid = true;
        for (TrustBindingForm form : FORMS) {
            Optional<JsonNode> node = trust.value(form.key());
            if (node.isEmpty()) {
                continue;
            }
            Optional<List<OidcTrust>> ofForm = parseOneOrList(form, node.get(), trust.pathOf(form.key()), identityName);
            valid &= ofForm.isPresent();
            ofForm.ifPresent(parsed::addAll);
        }
        return valid ? Optional.of(parsed) : Optional.empty();
    }

    /** Reports every pair of bindings read so far that may accept the same token (only bindings of one issuer can). */
    void reportOverlaps() {
        Map<String, List<LocatedBinding>> byIssuer = bindings.stream()
                .collect(Collectors.groupingBy(binding -> binding.trust().issuer(), LinkedHashMap::new, Collectors.toList()));
        for (List<LocatedBinding> ofIssuer : byIssuer.values()) {
            List<OidcTrust> trusts = ofIssuer.stream().map(LocatedBinding::trust).toList();
            for (OverlapCandidates.Pair pair : OverlapCandidates.among(trusts)) {
                reportOverlap(ofIssuer.get(pair.first()), ofIssuer.get(pair.second()));
            }
        }
    }

    private void reportOverlap(LocatedBinding first, LocatedBinding second) {
        TrustBindingOverlap overlap = TrustBindingOverlap.between(second.trust(), first.trust());
        switch (overlap.verdict()) {
            case CERTAIN -> problems.add(second.path(), "accepts the same tokens as " + first.describe() + " ("
                    + overlap.explanation() + "); a token must lead to exactly one identity: make a claim that both"
                    + " constrain differ (e.g. another repository, ref or sub), or merge the bindings");
            case UNDECIDED -> {
                if (!first.trust().force() && !second.trust().force()) {
                    problems.add(second.path(), "may accept the same tokens as " + first.describe() + " ("
                            + overlap.explanation() + "); constrain a shared claim with exact values or oneOf in one of"
                            + " them, or set force: true on one if you know they never match the same token");
                }
            }
            case DISJOINT -> {
            }
        }
    }

    private Optional<List<OidcTrust>> parseOneOrList(TrustBindingForm form, JsonNode node, String path, String identity) {
        if (!node.isArray()) {
            return parseBinding(form, node, path, identity).map(List::of);
        }
        if (node.isEmpty()) {
            problems.add(path, "must not be empty");
            return Optional.empty();
        }
        List<OidcTrust> parsed = new ArrayList<>();
        boolean valid = true;
        for (int index = 0; index < node.size(); index++) {
            Optional<OidcTrust> binding = parseBinding(form, node.get(index), path + "[" + index + "]", identity);
            valid &= binding.isPresent();
            binding.ifPresent(parsed::add);
        }
        return valid ? Optional.of(parsed) : Optional.empty();
    }

    private Optional<OidcTrust> parseBinding(TrustBindingForm form, JsonNode node, String path, String identity) {
        Optional<MappingReader> maybeBinding = MappingReader.of(node, path, problems, form.allowedKeys());
        if (maybeBinding.isEmpty()) {
            return Optional.empty();
        }
        MappingReader binding = maybeBinding.get();
        Optional<Boolean> force = binding.has(TrustValues.FORCE)
                ? binding.requiredBoolean(TrustValues.FORCE)
                : Optional.of(false);
        Optional<TrustBindingForm.Expansion> expansion = form.expand(binding, values);
        if (force.isEmpty() || expansion.isEmpty()) {
            return Optional.empty();
        }
        if (!force.get() && !pinsWorkload(expansion.get())) {
            problems.add(path, "pins no workload: " + expansion.get().unpinnedHint() + " (a pattern that accepts"
                    + " anything, like '*', '.*' or '.+', pins nothing); set force: true only if every token of this"
                    + " issuer and audience may act as this identity");
            return Optional.empty();
        }
        OidcTrust trust = new OidcTrust(expansion.get().issuer(), expansion.get().audiences(), expansion.get().claims(),
                force.get());
        bindings.add(new LocatedBinding(path, identity, trust));
        return Optional.of(trust);
    }

    private static boolean pinsWorkload(TrustBindingForm.Expansion expansion) {
        return expansion.identifyingClaims().stream()
                .map(expansion.claims()::get)
                .anyMatch(matcher -> matcher != null && !matcher.acceptsAnything());
    }
}
