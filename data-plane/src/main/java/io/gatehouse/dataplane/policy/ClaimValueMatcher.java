package io.gatehouse.dataplane.policy;

import java.util.Set;
import java.util.regex.Pattern;

/** What one claim's value (as text) must be; compiled once per snapshot. */
@FunctionalInterface
public interface ClaimValueMatcher {

    boolean matches(String value);

    static ClaimValueMatcher exact(String expected) {
        return new Exact(expected);
    }

    /** One value only: trust bindings are indexed by it, so a token is compared only with the bindings naming its value. */
    record Exact(String expected) implements ClaimValueMatcher {

        @Override
        public boolean matches(String value) {
            return expected.equals(value);
        }
    }

    static ClaimValueMatcher oneOf(Set<String> allowed) {
        Set<String> values = Set.copyOf(allowed);
        return values::contains;
    }

    /** The whole value must match; {@link Pattern#matches} semantics, so {@code main} never matches {@code main-evil}. */
    static ClaimValueMatcher regex(Pattern pattern) {
        return value -> pattern.matcher(value).matches();
    }

    /**
     * A glob: {@code *} any run of characters (also none), {@code ?} exactly one, {@code \} makes
     * the next character literal. @throws IllegalArgumentException on a trailing unpaired {@code \}
     */
    static ClaimValueMatcher glob(String glob) {
        return regex(globToRegex(glob));
    }

    private static Pattern globToRegex(String glob) {
        StringBuilder regex = new StringBuilder();
        for (int index = 0; index < glob.length(); index++) {
            char c = glob.charAt(index);
            if (c == '*') {
                regex.append("(?s:.*)");
            } else if (c == '?') {
                regex.append("(?s:.)");
            } else {
                if (c == '\\') {
                    if (++index == glob.length()) {
                        throw new IllegalArgumentException("glob ends with an unpaired '\\'");
                    }
                    c = glob.charAt(index);
                }
                regex.append(Pattern.quote(String.valueOf(c)));
            }
        }
        return Pattern.compile(regex.toString());
    }
}
