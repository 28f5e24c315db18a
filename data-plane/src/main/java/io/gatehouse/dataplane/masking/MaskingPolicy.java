package io.gatehouse.dataplane.masking;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The masking rules of one resource, compiled once per snapshot and shared by all its calls:
 * field rules by name (exact and case-folded), path rules, and detector rules. Each response gets
 * its own {@link BodyMasker} from {@link ResponseMaskers}.
 */
public final class MaskingPolicy {

    public static final MaskingPolicy NONE = new MaskingPolicy(List.of(), List.of(), List.of(), List.of());

    private final Map<String, FieldRule> exactNames = new HashMap<>();
    private final Map<String, FieldRule> foldedNames = new HashMap<>();
    private final PathRule[] pathRules;
    private final TextRedactor redactor;
    private final List<String> ruleNames;
    private final MentionedNames mentionedNames;
    private final boolean caseSensitiveNames;

    public MaskingPolicy(List<NameRule> nameRules, List<PathRuleSpec> pathRules, List<DetectorRule> detectorRules,
                         List<String> ruleNames) {
        for (NameRule rule : nameRules) {
            FieldRule field = new FieldRule(rule.ruleName(), rule.action());
            if (rule.caseSensitive()) {
                exactNames.merge(rule.name(), field, FieldRule::stronger);
            } else {
                foldedNames.merge(NameFolding.fold(rule.name()), field, FieldRule::stronger);
            }
        }
        this.pathRules = pathRules.stream()
                .map(spec -> new PathRule(spec.pattern(), new FieldRule(spec.ruleName(), spec.action())))
                .toArray(PathRule[]::new);
        this.redactor = new TextRedactor(detectorRules);
        this.ruleNames = List.copyOf(ruleNames);
        List<String> mentioned = new ArrayList<>(foldedNames.keySet());
        exactNames.keySet().forEach(name -> mentioned.add(NameFolding.fold(name)));
        for (PathRule rule : this.pathRules) {
            rule.pattern().stepNames().forEach(name -> mentioned.add(NameFolding.fold(name)));
        }
        this.mentionedNames = new MentionedNames(mentioned);
        this.caseSensitiveNames = !exactNames.isEmpty()
                || java.util.Arrays.stream(this.pathRules).anyMatch(rule -> rule.pattern().namesCaseSensitively());
    }

    /** A field rule by name. */
    public record NameRule(String ruleName, String name, boolean caseSensitive, MaskAction action) {
    }

    /** A path rule. */
    public record PathRuleSpec(String ruleName, JsonPathPattern pattern, MaskAction action) {
    }

    public boolean masks() {
        return !exactNames.isEmpty() || !foldedNames.isEmpty() || pathRules.length > 0 || !redactor.isEmpty();
    }

    /** The names of the rules, in configuration order (for diagnostics). */
    public List<String> ruleNames() {
        return ruleNames;
    }

    boolean hasDetectors() {
        return !redactor.isEmpty();
    }

    /** The name rule that applies to a member name, given also folded; or null. */
    FieldRule forName(String name, String folded) {
        FieldRule exact = exactNames.isEmpty() ? null : exactNames.get(name);
        FieldRule byFolded = foldedNames.isEmpty() ? null : foldedNames.get(folded);
        return FieldRule.stronger(exact, byFolded);
    }

    /** Whether a rule tells names apart by case (then a name cannot stand for its folded form in matching). */
    boolean matchesNamesCaseSensitively() {
        return caseSensitiveNames;
    }

    /** The member names the name and path rules mention, to tell quickly the many names no rule can match. */
    MentionedNames mentionedNames() {
        return mentionedNames;
    }

    PathRule[] pathRules() {
        return pathRules;
    }

    TextRedactor redactor() {
        return redactor;
    }
}
