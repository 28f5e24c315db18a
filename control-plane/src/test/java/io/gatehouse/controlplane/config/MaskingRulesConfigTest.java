package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.MaskingRuleDefinition;
import io.gatehouse.controlplane.domain.MaskingRuleDefinition.Action;
import io.gatehouse.controlplane.domain.MaskingRuleDefinition.Match;
import io.gatehouse.controlplane.domain.PolicyModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code masking.rules} of a resource in the declarative config. */
class MaskingRulesConfigTest {

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void parsesEveryKindOfRuleAndAction() {
        PolicyModel model = loader.parse(resourceWith("""
                    masking:
                      fields: [ssn]
                      rules:
                        - {name: customer-ssn, path: "$.customers[*].ssn"}
                        - {path: "$..card.number", action: partial, keepLast: 4}
                        - {field: Email, caseSensitive: true, action: hash}
                        - {field: internal, action: drop}
                        - {detector: payment-card, action: redact, replacement: "[card]"}
                        - {regex: "ORD-[0-9]{6}"}
                """), "masking.yaml");
        var resource = model.resources().get(0);
        assertEquals(List.of("ssn"), resource.maskedFields());
        assertEquals(List.of(
                new MaskingRuleDefinition("customer-ssn", Match.PATH, "$.customers[*].ssn", false, Action.REDACT, null, 0),
                new MaskingRuleDefinition(null, Match.PATH, "$..card.number", false, Action.PARTIAL, null, 4),
                new MaskingRuleDefinition(null, Match.FIELD, "Email", true, Action.HASH, null, 0),
                new MaskingRuleDefinition(null, Match.FIELD, "internal", false, Action.DROP, null, 0),
                new MaskingRuleDefinition(null, Match.DETECTOR, "payment-card", false, Action.REDACT, "[card]", 0),
                new MaskingRuleDefinition(null, Match.REGEX, "ORD-[0-9]{6}", false, Action.REDACT, null, 0)),
                resource.maskingRules());
    }

    @Test
    void everyWrongRuleIsReportedWithItsPath() {
        List<String> problems = assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse(resourceWith("""
                    masking:
                      rules:
                        - {regex: "ORD-[0-9"}
                        - {detector: credit-card}
                        - {field: card, action: partial}
                        - {path: "customers.ssn"}
                        - {field: a, path: "$.a"}
                        - {field: b, action: erase}
                        - {field: c, keepLast: 2}
                        - {detector: email, caseSensitive: true}
                        - {regex: "x*"}
                        - {name: same, field: d}
                        - {name: same, field: e}
                        - {field: f, colour: red}
                """), "masking.yaml")).problems();
        assertContains(problems, "resources[0].masking.rules[0].regex: is not a valid regular expression");
        assertContains(problems, "resources[0].masking.rules[1].detector: unknown detector 'credit-card' (allowed: payment-card, iban");
        assertContains(problems, "resources[0].masking.rules[2].keepLast: required with action partial");
        assertContains(problems, "resources[0].masking.rules[3].path: is not a JSON path pattern");
        assertContains(problems, "resources[0].masking.rules[4]: needs exactly one of field, path, detector or regex (has field, path)");
        assertContains(problems, "resources[0].masking.rules[5].action: unknown action 'erase' (allowed: redact, partial, hash, drop)");
        assertContains(problems, "resources[0].masking.rules[6].keepLast: only applies to action partial");
        assertContains(problems, "resources[0].masking.rules[7].caseSensitive: only applies to field and path rules");
        assertContains(problems, "resources[0].masking.rules[8].regex: matches the empty string");
        assertContains(problems, "resources[0].masking.rules[10].name: duplicate rule name 'same'");
        assertContains(problems, "resources[0].masking.rules[11].colour: unknown key");
        assertEquals(11, problems.size(), () -> String.join("\n", problems));
    }

    @Test
    void unknownMaskingKeysAreRefused() {
        List<String> problems = assertThrows(InvalidDeclarativeConfigException.class,
                () -> loader.parse(resourceWith("    masking: {feilds: [ssn]}\n"), "masking.yaml")).problems();
        assertContains(problems, "resources[0].masking.feilds: unknown key (allowed: fields, rules)");
    }

    private static void assertContains(List<String> problems, String expected) {
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(expected)),
                () -> "no problem starting with '" + expected + "' in:\n" + String.join("\n", problems));
    }

    private static String resourceWith(String masking) {
        return """
                resources:
                  - name: demo
                    pathPrefix: /demo
                    upstream: http://127.0.0.1:8091
                    credential: {injection: bearer}
                """ + masking;
    }
}
