package io.gatehouse.dataplane.masking;

import java.util.ArrayList;
import java.util.List;

/**
 * A compiled JSON path pattern, matched while a document streams by. Syntax: {@code $} the root,
 * then steps: {@code .name} or {@code ['name']} a member, {@code .*} or {@code [*]} any member or
 * element, {@code [n]} an array element, and {@code ..name}, {@code ..*}, {@code ..[n]} the same at
 * any depth below. Matching is a small automaton: the states of a value are a bit set (bit i: the
 * first i steps matched) derived from its parent's, so the cost per value does not grow with depth.
 */
public final class JsonPathPattern {

    /** States fit one long; patterns are short in practice. */
    static final int MAX_STEPS = 62;
    static final long START = 1L;

    private final String source;
    private final Step[] steps;
    private final long accepting;

    private JsonPathPattern(String source, List<Step> steps) {
        this.source = source;
        this.steps = steps.toArray(Step[]::new);
        this.accepting = 1L << steps.size();
    }

    public String source() {
        return source;
    }

    /** The states of a member named {@code name} (already folded where the pattern ignores case) of a value in {@code parent}. */
    long member(long parent, String name, String folded) {
        return advance(parent, name, folded, -1);
    }

    /** The states of a member whose name no step of this pattern names. */
    long unnamedMember(long parent) {
        return advance(parent, null, null, -1);
    }

    boolean namesCaseSensitively() {
        for (Step step : steps) {
            if (step.index == Step.NAMED && step.caseSensitive) {
                return true;
            }
        }
        return false;
    }

    /** The member names the steps name (folded where the pattern ignores case). */
    List<String> stepNames() {
        List<String> names = new ArrayList<>();
        for (Step step : steps) {
            if (step.index == Step.NAMED) {
                names.add(step.name);
            }
        }
        return names;
    }

    long element(long parent, int index) {
        return advance(parent, null, null, index);
    }

    boolean matches(long states) {
        return (states & accepting) != 0;
    }

    private long advance(long parent, String name, String folded, int index) {
        long next = 0;
        long remaining = parent & ~accepting;
        while (remaining != 0) {
            int i = Long.numberOfTrailingZeros(remaining);
            remaining &= remaining - 1;
            Step step = steps[i];
            if (step.descendant) {
                next |= 1L << i;
            }
            if (step.matches(name, folded, index)) {
                next |= 1L << (i + 1);
            }
        }
        return next;
    }

    /**
     * @throws IllegalArgumentException with what is wrong and where
     */
    public static JsonPathPattern compile(String pattern, boolean caseSensitive) {
        Parser parser = new Parser(pattern, caseSensitive);
        return new JsonPathPattern(pattern, parser.parse());
    }

    private record Step(boolean descendant, String name, boolean caseSensitive, int index) {
        static final int ANY = -1;
        static final int NAMED = -2;

        boolean matches(String memberName, String foldedName, int elementIndex) {
            if (index == ANY) {
                return true;
            }
            if (index == NAMED) {
                return memberName != null && (caseSensitive ? name.equals(memberName) : name.equals(foldedName));
            }
            return memberName == null && index == elementIndex;
        }
    }

    private static final class Parser {
        private final String text;
        private final boolean caseSensitive;
        private int at;

        Parser(String text, boolean caseSensitive) {
            this.text = text;
            this.caseSensitive = caseSensitive;
        }

        List<Step> parse() {
            if (!text.startsWith("$")) {
                throw problem("must start with '$'");
            }
            at = 1;
            List<Step> steps = new ArrayList<>();
            while (at < text.length()) {
                boolean descendant = false;
                char c = text.charAt(at);
                if (c == '.') {
                    at++;
                    if (at < text.length() && text.charAt(at) == '.') {
                        descendant = true;
                        at++;
                    }
                    if (at >= text.length()) {
                        throw problem("ends after '.'");
                    }
                    if (text.charAt(at) == '[') {
                        if (!descendant) {
                            throw problem("'.[' at " + at + ": write [..] directly after the previous step");
                        }
                        steps.add(bracket(true));
                    } else {
                        steps.add(dotted(descendant));
                    }
                } else if (c == '[') {
                    steps.add(bracket(false));
                } else {
                    throw problem("unexpected '" + c + "' at " + at + " (steps start with '.', '..' or '[')");
                }
            }
            if (steps.isEmpty()) {
                throw problem("must name at least one member or element below '$'");
            }
            if (steps.size() > MAX_STEPS) {
                throw problem("has more than " + MAX_STEPS + " steps");
            }
            return steps;
        }

        private Step dotted(boolean descendant) {
            if (text.charAt(at) == '*') {
                at++;
                return new Step(descendant, null, caseSensitive, Step.ANY);
            }
            int start = at;
            while (at < text.length() && text.charAt(at) != '.' && text.charAt(at) != '[') {
                char c = text.charAt(at);
                if (c == ']' || c == '\'' || c == '"' || c == '*' || Character.isWhitespace(c)) {
                    throw problem("unexpected '" + c + "' in a member name at " + at + " (use ['…'] for such names)");
                }
                at++;
            }
            if (at == start) {
                throw problem("empty member name at " + at);
            }
            return named(descendant, text.substring(start, at));
        }

        private Step bracket(boolean descendant) {
            at++; // '['
            if (at >= text.length()) {
                throw problem("ends inside '['");
            }
            char c = text.charAt(at);
            Step step;
            if (c == '*') {
                at++;
                step = new Step(descendant, null, caseSensitive, Step.ANY);
            } else if (c == '\'' || c == '"') {
                int close = text.indexOf(c, at + 1);
                if (close < 0) {
                    throw problem("unterminated quoted name at " + at);
                }
                String name = text.substring(at + 1, close);
                if (name.isEmpty()) {
                    throw problem("empty member name at " + at);
                }
                at = close + 1;
                step = named(descendant, name);
            } else if (c >= '0' && c <= '9') {
                int start = at;
                while (at < text.length() && Character.isDigit(text.charAt(at))) {
                    at++;
                }
                int index;
                try {
                    index = Integer.parseInt(text.substring(start, at));
                } catch (NumberFormatException e) {
                    throw problem("array index too large at " + start);
                }
                step = new Step(descendant, null, caseSensitive, index);
            } else {
                throw problem("expected *, a quoted name or an index after '[' at " + at);
            }
            if (at >= text.length() || text.charAt(at) != ']') {
                throw problem("expected ']' at " + at);
            }
            at++;
            return step;
        }

        private Step named(boolean descendant, String name) {
            return new Step(descendant, caseSensitive ? name : NameFolding.fold(name), caseSensitive, Step.NAMED);
        }

        private IllegalArgumentException problem(String what) {
            return new IllegalArgumentException("path pattern '" + text + "' " + what);
        }
    }
}
