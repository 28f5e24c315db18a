package io.gatehouse.controlplane.domain;

import java.util.List;
import java.util.Objects;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What a trust binding requires of one claim's value. A claim whose value is a list satisfies the
 * matcher when one of its elements does; numbers and booleans are compared by their JSON text.
 * Each kind has its own property name, so the canonical serialization tells them apart.
 */
public sealed interface ClaimMatcher {

    int MAX_PATTERN_LENGTH = 500;
    int MAX_ONE_OF_VALUES = 100;

    /** Two unrelated values: a pattern accepting both (or the empty string) accepts practically anything. */
    List<String> UNRELATED_PROBES = List.of("-", "gatehouse-probe:Any/Value.with_Separators@42");

    boolean accepts(String value);

    /** Whether this matcher accepts (practically) every value, so that it identifies nothing. */
    boolean acceptsAnything();

    /** Whether some value satisfies both this matcher and {@code other}. */
    default CommonValue commonValueWith(ClaimMatcher other) {
        if (other instanceof Exact || other instanceof OneOf) {
            return other.commonValueWith(this);
        }
        return CommonValue.UNDECIDED;
    }

    /** Whether two matchers of one claim can be satisfied by the same value. */
    enum CommonValue {
        /** Some value satisfies both. */
        EXISTS,
        /** No value satisfies both. */
        NONE,
        /** Not decidable here (a regular expression against a pattern). */
        UNDECIDED
    }

    /** The claim equals {@code value}. */
    record Exact(String value) implements ClaimMatcher {

        public Exact {
            Objects.requireNonNull(value, "value");
        }

        @Override
        public boolean accepts(String candidate) {
            return value.equals(candidate);
        }

        @Override
        public boolean acceptsAnything() {
            return false;
        }

        @Override
        public CommonValue commonValueWith(ClaimMatcher other) {
            return other.accepts(value) ? CommonValue.EXISTS : CommonValue.NONE;
        }
    }

    /** The claim equals one of {@code oneOf} (kept sorted and distinct). */
    record OneOf(List<String> oneOf) implements ClaimMatcher {

        public OneOf {
            oneOf = List.copyOf(new TreeSet<>(oneOf));
            if (oneOf.isEmpty()) {
                throw new IllegalArgumentException("oneOf needs at least one value");
            }
        }

        @Override
        public boolean accepts(String candidate) {
            return oneOf.contains(candidate);
        }

        @Override
        public boolean acceptsAnything() {
            return false;
        }

        @Override
        public CommonValue commonValueWith(ClaimMatcher other) {
            return oneOf.stream().anyMatch(other::accepts) ? CommonValue.EXISTS : CommonValue.NONE;
        }
    }

    /** The claim matches the glob {@code glob} (see {@link GlobPattern}). */
    record Glob(String glob) implements ClaimMatcher {

        public Glob {
            GlobPattern.parse(glob);
            if (glob.length() > MAX_PATTERN_LENGTH) {
                throw new IllegalArgumentException("a glob may have at most " + MAX_PATTERN_LENGTH + " characters");
            }
        }

        @Override
        public boolean accepts(String candidate) {
            return GlobPattern.parse(glob).matches(candidate);
        }

        @Override
        public boolean acceptsAnything() {
            return GlobPattern.parse(glob).hasNoLiteral() || UNRELATED_PROBES.stream().allMatch(this::accepts);
        }

        @Override
        public CommonValue commonValueWith(ClaimMatcher other) {
            if (other instanceof Glob otherGlob) {
                return GlobPattern.parse(glob).intersects(GlobPattern.parse(otherGlob.glob()))
                        ? CommonValue.EXISTS : CommonValue.NONE;
            }
            return ClaimMatcher.super.commonValueWith(other);
        }
    }

    /** The whole claim value matches the Java regular expression {@code regex}. */
    record Regex(String regex) implements ClaimMatcher {

        public Regex {
            if (regex.length() > MAX_PATTERN_LENGTH) {
                throw new IllegalArgumentException("a regex may have at most " + MAX_PATTERN_LENGTH + " characters");
            }
            compile(regex);
        }

        @Override
        public boolean accepts(String candidate) {
            return compile(regex).matcher(candidate).matches();
        }

        @Override
        public boolean acceptsAnything() {
            Pattern pattern = compile(regex);
            return pattern.matcher("").matches()
                    || UNRELATED_PROBES.stream().allMatch(probe -> pattern.matcher(probe).matches());
        }

        @Override
        public CommonValue commonValueWith(ClaimMatcher other) {
            return equals(other) ? CommonValue.EXISTS : ClaimMatcher.super.commonValueWith(other);
        }

        private static Pattern compile(String regex) {
            try {
                return Pattern.compile(regex);
            } catch (PatternSyntaxException e) {
                throw new IllegalArgumentException("not a valid Java regular expression: "
                        + e.getDescription() + " near index " + e.getIndex());
            }
        }
    }
}
