package io.gatehouse.dataplane.masking;

import io.gatehouse.proto.config.v1.MaskingAction;
import io.gatehouse.proto.config.v1.MaskingRule;
import io.gatehouse.proto.config.v1.Resource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Compiles a resource's masking rules from a snapshot: {@code masked_fields} (each a
 * case-insensitive field rule that redacts) and {@code masking_rules}. A rule that cannot be
 * compiled is an {@link IllegalArgumentException} naming the rule, so the snapshot is refused.
 */
public final class MaskingRuleCompiler {

    private final Optional<HashTokenizer> tokenizer;

    /** @param tokenizer the data plane's keyed hash, if a masking key is configured */
    public MaskingRuleCompiler(Optional<HashTokenizer> tokenizer) {
        this.tokenizer = tokenizer;
    }

    public MaskingPolicy compile(Resource resource) {
        List<MaskingPolicy.NameRule> names = new ArrayList<>();
        List<MaskingPolicy.PathRuleSpec> paths = new ArrayList<>();
        List<DetectorRule> detectors = new ArrayList<>();
        List<String> ruleNames = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String field : resource.getMaskedFieldsList()) {
            if (field.isEmpty()) {
                throw new IllegalArgumentException("a masked field name is empty");
            }
            names.add(new MaskingPolicy.NameRule(field, field, false, MaskAction.Redact.DEFAULT));
            ruleNames.add(field);
        }
        for (int index = 0; index < resource.getMaskingRulesCount(); index++) {
            MaskingRule rule = resource.getMaskingRules(index);
            String name = ruleName(rule, index);
            String where = "masking rule " + index + " ('" + name + "')";
            if (!seen.add(name) && !rule.getName().isEmpty()) {
                throw new IllegalArgumentException(where + ": duplicate rule name");
            }
            MaskAction action = action(rule.getAction(), where);
            switch (rule.getMatchCase()) {
                case FIELD -> {
                    if (rule.getField().isEmpty()) {
                        throw new IllegalArgumentException(where + ": empty field name");
                    }
                    names.add(new MaskingPolicy.NameRule(name, rule.getField(), rule.getCaseSensitive(), action));
                }
                case PATH -> {
                    try {
                        paths.add(new MaskingPolicy.PathRuleSpec(name,
                                JsonPathPattern.compile(rule.getPath(), rule.getCaseSensitive()), action));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ": " + e.getMessage());
                    }
                }
                case DETECTOR -> detectors.add(new DetectorRule(name, detector(rule, where), action));
                case REGEX -> {
                    try {
                        detectors.add(new DetectorRule(name, Detectors.custom(name, rule.getRegex()), action));
                    } catch (IllegalArgumentException e) {
                        throw new IllegalArgumentException(where + ": " + e.getMessage());
                    }
                }
                default -> throw new IllegalArgumentException(where + ": matches nothing (no field, path, detector or regex)");
            }
            ruleNames.add(name);
        }
        if (ruleNames.isEmpty()) {
            return MaskingPolicy.NONE;
        }
        return new MaskingPolicy(names, paths, detectors, ruleNames);
    }

    /** The configured name, else one derived from what the rule matches. */
    static String ruleName(MaskingRule rule, int index) {
        if (!rule.getName().isEmpty()) {
            return rule.getName();
        }
        return switch (rule.getMatchCase()) {
            case FIELD -> rule.getField();
            case PATH -> rule.getPath();
            case DETECTOR -> detectorName(rule.getDetector());
            case REGEX -> "regex-" + index;
            default -> "rule-" + index;
        };
    }

    private static Detector detector(MaskingRule rule, String where) {
        Detector detector = Detectors.builtIn(detectorName(rule.getDetector()));
        if (detector == null) {
            throw new IllegalArgumentException(where + ": unknown detector " + rule.getDetector()
                    + " (this data plane knows " + Detectors.builtInNames() + ")");
        }
        return detector;
    }

    /** DETECTOR_PAYMENT_CARD → payment-card. */
    static String detectorName(io.gatehouse.proto.config.v1.Detector detector) {
        if (detector == io.gatehouse.proto.config.v1.Detector.UNRECOGNIZED) {
            return "unrecognized";
        }
        return detector.name().substring("DETECTOR_".length()).toLowerCase(Locale.ROOT).replace('_', '-');
    }

    private MaskAction action(MaskingAction action, String where) {
        return switch (action.getKindCase()) {
            case REDACT -> action.getRedact().getReplacement().isEmpty()
                    ? MaskAction.Redact.DEFAULT
                    : new MaskAction.Redact(action.getRedact().getReplacement());
            case PARTIAL -> {
                if (action.getPartial().getKeepLast() < 1) {
                    throw new IllegalArgumentException(where + ": partial masking must keep at least 1 character");
                }
                yield new MaskAction.Partial(action.getPartial().getKeepLast());
            }
            case HASH -> new MaskAction.Hash(tokenizer.orElseThrow(() -> new IllegalArgumentException(where
                    + ": uses the hash action, but this data plane has no masking key (gatehouse.masking.hash-key)")));
            case DROP -> MaskAction.Drop.INSTANCE;
            // no action given: redact, the safe default
            case KIND_NOT_SET -> MaskAction.Redact.DEFAULT;
        };
    }
}
