package io.gatehouse.controlplane.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * One response masking rule of a resource: what it matches ({@link Match}: a JSON field name, a
 * JSON path pattern, a built-in detector or a regular expression) and what it does with it.
 *
 * @param name          shown in audit events; null to let the data plane derive it from the match
 * @param caseSensitive for field and path rules: names compare exactly (default: case-insensitively)
 * @param replacement   for {@link Action#REDACT}; null for the default "[masked]"
 * @param keepLast      for {@link Action#PARTIAL}: characters kept at the end; 0 otherwise
 */
public record MaskingRuleDefinition(String name, Match match, String pattern, boolean caseSensitive, Action action,
                                    String replacement, int keepLast) {

    public MaskingRuleDefinition {
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(pattern, "pattern");
        Objects.requireNonNull(action, "action");
    }

    public enum Match {
        FIELD, PATH, DETECTOR, REGEX;

        public String declaredName() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public enum Action {
        REDACT, PARTIAL, HASH, DROP;

        public String declaredName() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Optional<Action> fromDeclaredName(String name) {
            return Arrays.stream(values()).filter(action -> action.declaredName().equals(name)).findFirst();
        }
    }

    /** The detectors data planes provide, by their declared names. */
    public enum Detector {
        PAYMENT_CARD, IBAN, EMAIL, PHONE, US_SSN, AWS_ACCESS_KEY, PRIVATE_KEY, JWT, BEARER_TOKEN;

        public String declaredName() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }

        public static Optional<Detector> fromDeclaredName(String name) {
            return Arrays.stream(values()).filter(detector -> detector.declaredName().equals(name)).findFirst();
        }
    }
}
