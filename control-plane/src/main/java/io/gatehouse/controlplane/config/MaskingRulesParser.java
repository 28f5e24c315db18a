package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.controlplane.domain.MaskingRuleDefinition;
import io.gatehouse.controlplane.domain.MaskingRuleDefinition.Action;
import io.gatehouse.controlplane.domain.MaskingRuleDefinition.Match;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Parses and checks {@code masking.rules} of a resource: each rule matches exactly one of
 * {@code field}, {@code path}, {@code detector} or {@code regex} and has an action with the
 * settings it needs. Every problem is reported with its path.
 */
final class MaskingRulesParser {

    private static final Set<String> RULE_KEYS = new LinkedHashSet<>(List.of("name", "field", "path", "detector", "regex",
            "caseSensitive", "action", "replacement", "keepLast"));
    private static final Pattern RULE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:-]{0,99}");
    /** The JSON path syntax data planes compile: $ then .name, ['name'], [*], .*, [n], each optionally after '..'. */
    private static final Pattern JSON_PATH = Pattern.compile(
            "\\$(?:\\.\\.?(?:\\*|[^.\\[\\]'\"*\\s]+)|(?:\\.\\.)?\\[(?:\\*|[0-9]+|'[^']+'|\"[^\"]+\")\\])+");

    private final ConfigProblems problems;

    MaskingRulesParser(ConfigProblems problems) {
        this.problems = problems;
    }

    /** The rules under {@code masking.rules}, or empty if any rule is wrong. */
    Optional<List<MaskingRuleDefinition>> parse(MappingReader masking) {
        Optional<JsonNode> list = masking.value("rules");
        if (list.isEmpty()) {
            return Optional.of(List.of());
        }
        String listPath = masking.pathOf("rules");
        if (!list.get().isArray()) {
            problems.add(listPath, "must be a list");
            return Optional.empty();
        }
        List<MaskingRuleDefinition> rules = new ArrayList<>();
        Set<String> names = new HashSet<>();
        boolean valid = true;
        for (int index = 0; index < list.get().size(); index++) {
            Optional<MaskingRuleDefinition> rule = parseRule(list.get().get(index), listPath + "[" + index + "]", names);
            valid &= rule.isPresent();
            rule.ifPresent(rules::add);
        }
        return valid ? Optional.of(rules) : Optional.empty();
    }

    private Optional<MaskingRuleDefinition> parseRule(JsonNode node, String path, Set<String> names) {
        Optional<MappingReader> maybeRule = MappingReader.of(node, path, problems, RULE_KEYS);
        if (maybeRule.isEmpty()) {
            return Optional.empty();
        }
        MappingReader rule = maybeRule.get();
        Optional<Optional<String>> name = rule.has("name") ? rule.optionalText("name").map(text -> {
            if (!RULE_NAME.matcher(text).matches()) {
                rule.problem("name", "must be 1-100 letters, digits, '.', '_', ':' or '-', was '" + text + "'");
                return null;
            }
            if (!names.add(text)) {
                rule.problem("name", "duplicate rule name '" + text + "'");
                return null;
            }
            return Optional.of(text);
        }) : Optional.of(Optional.empty());
        Optional<Match> match = match(rule, path);
        Optional<String> pattern = match.flatMap(kind -> rule.requiredText(kind.declaredName()))
                .flatMap(text -> checkPattern(rule, match.get(), text));
        boolean caseSensitive = false;
        if (rule.has("caseSensitive")) {
            Optional<Boolean> flag = rule.requiredBoolean("caseSensitive");
            if (flag.isEmpty()) {
                return Optional.empty();
            }
            if (match.isPresent() && match.get() != Match.FIELD && match.get() != Match.PATH) {
                rule.problem("caseSensitive", "only applies to field and path rules");
                return Optional.empty();
            }
            caseSensitive = flag.get();
        }
        Optional<Action> action = rule.optionalText("action")
                .map(text -> Action.fromDeclaredName(text).or(() -> {
                    rule.problem("action", "unknown action '" + text + "' (allowed: "
                            + String.join(", ", Arrays.stream(Action.values()).map(Action::declaredName).toList()) + ")");
                    return Optional.empty();
                }))
                .orElse(rule.has("action") ? Optional.empty() : Optional.of(Action.REDACT));
        Optional<String> replacement = Optional.empty();
        Optional<Integer> keepLast = Optional.of(0);
        if (action.isPresent()) {
            if (rule.has("replacement") && action.get() != Action.REDACT) {
                rule.problem("replacement", "only applies to action redact");
                return Optional.empty();
            }
            if (rule.has("keepLast") && action.get() != Action.PARTIAL) {
                rule.problem("keepLast", "only applies to action partial");
                return Optional.empty();
            }
            replacement = rule.has("replacement") ? rule.optionalText("replacement") : Optional.empty();
            if (action.get() == Action.PARTIAL) {
                keepLast = rule.has("keepLast") ? rule.optionalInt("keepLast") : Optional.empty();
                if (!rule.has("keepLast")) {
                    rule.problem("keepLast", "required with action partial (how many characters stay visible at the end)");
                } else if (keepLast.isPresent() && keepLast.get() < 1) {
                    rule.problem("keepLast", "must be at least 1, was " + keepLast.get());
                    keepLast = Optional.empty();
                }
            }
        }
        if (name == null || name.isEmpty() || match.isEmpty() || pattern.isEmpty() || action.isEmpty() || keepLast.isEmpty()
                || (rule.has("replacement") && replacement.isEmpty())) {
            return Optional.empty();
        }
        return Optional.of(new MaskingRuleDefinition(name.get().orElse(null), match.get(), pattern.get(), caseSensitive,
                action.get(), replacement.orElse(null), keepLast.get()));
    }

    private Optional<Match> match(MappingReader rule, String path) {
        List<Match> present = Arrays.stream(Match.values()).filter(kind -> rule.has(kind.declaredName())).toList();
        if (present.size() != 1) {
            problems.add(path, "needs exactly one of field, path, detector or regex"
                    + (present.isEmpty() ? "" : " (has " + String.join(", ", present.stream().map(Match::declaredName).toList()) + ")"));
            return Optional.empty();
        }
        return Optional.of(present.get(0));
    }

    private Optional<String> checkPattern(MappingReader rule, Match match, String text) {
        String key = match.declaredName();
        switch (match) {
            case PATH -> {
                if (!JSON_PATH.matcher(text).matches()) {
                    rule.problem(key, "is not a JSON path pattern like $.customers[*].ssn or $..card.number, was '" + text + "'");
                    return Optional.empty();
                }
            }
            case DETECTOR -> {
                if (MaskingRuleDefinition.Detector.fromDeclaredName(text).isEmpty()) {
                    rule.problem(key, "unknown detector '" + text + "' (allowed: " + String.join(", ",
                            Arrays.stream(MaskingRuleDefinition.Detector.values()).map(MaskingRuleDefinition.Detector::declaredName).toList()) + ")");
                    return Optional.empty();
                }
            }
            case REGEX -> {
                try {
                    if (Pattern.compile(text).matcher("").matches()) {
                        rule.problem(key, "matches the empty string, so it would match everywhere: '" + text + "'");
                        return Optional.empty();
                    }
                } catch (PatternSyntaxException e) {
                    rule.problem(key, "is not a valid regular expression (" + e.getDescription() + " near index "
                            + e.getIndex() + "): '" + text + "'");
                    return Optional.empty();
                }
            }
            case FIELD -> {
                // any non-blank name; it is compared after JSON escapes are decoded
            }
        }
        return Optional.of(text);
    }
}
