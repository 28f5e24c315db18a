package io.gatehouse.dataplane.masking;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;

/**
 * Runs detector rules over text: finds every confirmed match, merges overlapping ones (the action
 * that hides most wins) and writes the text with each match replaced.
 */
final class TextRedactor {

    /**
     * One stretch of text to replace, and the rules that found it. {@code matchStart} is where the
     * whole match begins (before {@code start} when only a part is replaced, e.g. the token after
     * "Bearer"): text from there on must be held back while the match may still change.
     */
    record Span(int matchStart, int start, int end, MaskAction action, List<DetectorRule> rules) {
    }

    private static final Comparator<Span> BY_START = Comparator.comparingInt(Span::start)
            .thenComparing(Comparator.comparingInt(Span::end).reversed());

    private final List<DetectorRule> rules;
    /** Asked for every token of a JSON body: a field, not a call into the list. */
    private final boolean empty;

    TextRedactor(List<DetectorRule> rules) {
        this.rules = List.copyOf(rules);
        this.empty = rules.isEmpty();
    }

    boolean isEmpty() {
        return empty;
    }

    /**
     * The merged spans of {@code [from, to)} of {@code text}, sorted. Characters outside the region
     * are visible to look-arounds, so a match never starts in the middle of a token cut by the region.
     */
    List<Span> find(CharSequence text, int from, int to, boolean usePrefilters) {
        List<Span> found = new ArrayList<>(0);
        List<DetectorRule> filtered = new ArrayList<>(rules.size());
        for (DetectorRule rule : rules) {
            Detector detector = rule.detector();
            if (usePrefilters && !detector.mightOccurIn(text)) {
                continue;
            }
            if (detector.start() != null) {
                filtered.add(rule);
                continue;
            }
            Matcher matcher = detector.matcher(text);
            matcher.region(from, to).useTransparentBounds(true).useAnchoringBounds(false);
            while (matcher.find()) {
                confirm(text, rule, matcher, found);
            }
        }
        if (!filtered.isEmpty()) {
            findAtPossibleStarts(text, from, to, filtered, found, !usePrefilters);
        }
        if (found.isEmpty()) {
            return List.of();
        }
        return merge(found);
    }

    /**
     * One pass over the text: each detector's pattern is tried (anchored) only where its start
     * filter says a match can begin, and after a candidate not before its end — what
     * {@link Matcher#find()} would find, without trying the pattern at every position. A detector
     * whose matches stay within a line is not tried at all in a line its prefilter refuses (most
     * lines of a log have no '@', no "eyJ", no "bearer"), unless the whole text has just passed them.
     */
    private static void findAtPossibleStarts(CharSequence text, int from, int to, List<DetectorRule> rules, List<Span> found,
                                             boolean judgeLines) {
        int count = rules.size();
        Detector.StartFilter[] filters = new Detector.StartFilter[count];
        Matcher[] matchers = new Matcher[count];
        int[] resumeAt = new int[count];
        for (int k = 0; k < count; k++) {
            filters[k] = rules.get(k).detector().start();
        }
        boolean[] triedInLine = new boolean[count];
        java.util.Arrays.fill(triedInLine, true);
        // a whole value already passed the prefilters: its lines need not be judged again
        int lineEnd = judgeLines ? from : -1;
        char previous = from > 0 ? text.charAt(from - 1) : 0;
        for (int i = from; i < to; i++) {
            if (i == lineEnd) {
                lineEnd = afterLineBreak(text, i, to);
                judgeLine(text.subSequence(i, lineEnd).toString(), rules, triedInLine);
            }
            char c = text.charAt(i);
            for (int k = 0; k < count; k++) {
                if (!triedInLine[k] || i < resumeAt[k] || !filters[k].mayStartAt(c, previous)) {
                    continue;
                }
                Matcher matcher = matchers[k];
                if (matcher == null) {
                    matcher = rules.get(k).detector().matcher(text).useTransparentBounds(true).useAnchoringBounds(false);
                    matchers[k] = matcher;
                }
                matcher.region(i, to);
                if (matcher.lookingAt()) {
                    confirm(text, rules.get(k), matcher, found);
                    resumeAt[k] = Math.max(matcher.end(), i + 1);
                }
            }
            previous = c;
        }
    }

    private static int afterLineBreak(CharSequence text, int from, int to) {
        for (int i = from; i < to; i++) {
            if (text.charAt(i) == '\n') {
                return i + 1;
            }
        }
        return to;
    }

    private static void judgeLine(String line, List<DetectorRule> rules, boolean[] tried) {
        for (int k = 0; k < tried.length; k++) {
            Detector detector = rules.get(k).detector();
            tried[k] = !detector.singleLine() || detector.mightOccurIn(line);
        }
    }

    private static void confirm(CharSequence text, DetectorRule rule, Matcher matcher, List<Span> found) {
        Detector detector = rule.detector();
        int end = detector.validator().confirm(text, matcher.start(), matcher.end());
        if (end < 0) {
            return;
        }
        int spanStart = detector.group() == 0 ? matcher.start() : matcher.start(detector.group());
        int spanEnd = detector.group() == 0 ? end : Math.min(end, matcher.end(detector.group()));
        if (spanEnd > spanStart) {
            found.add(new Span(matcher.start(), spanStart, spanEnd, rule.action(), List.of(rule)));
        }
    }

    private static List<Span> merge(List<Span> spans) {
        spans.sort(BY_START);
        List<Span> merged = new ArrayList<>(spans.size());
        Span current = spans.get(0);
        for (int i = 1; i < spans.size(); i++) {
            Span next = spans.get(i);
            if (next.start() < current.end()) {
                List<DetectorRule> rules = new ArrayList<>(current.rules());
                rules.addAll(next.rules());
                current = new Span(Math.min(current.matchStart(), next.matchStart()), current.start(),
                        Math.max(current.end(), next.end()),
                        MaskAction.strongest(current.action(), next.action()), rules);
            } else {
                merged.add(current);
                current = next;
            }
        }
        merged.add(current);
        return merged;
    }

    /** The text a span is replaced with; a hash covers the detector's normal form of the value. */
    static String replacement(CharSequence text, Span span) {
        String value = text.subSequence(span.start(), span.end()).toString();
        if (span.action() instanceof MaskAction.Hash && span.rules().size() == 1) {
            value = span.rules().get(0).detector().normalize(value);
        }
        return span.action().apply(value);
    }

    static void record(Span span, MaskingSummary summary) {
        for (DetectorRule rule : span.rules()) {
            summary.fired(rule.ruleName());
        }
    }

    /** Result of redacting one whole value: unchanged, replaced, or the value must be dropped. */
    record Outcome(String text, boolean drop) {
        static final Outcome UNCHANGED = new Outcome(null, false);
        static final Outcome DROP = new Outcome(null, true);

        boolean changed() {
            return text != null || drop;
        }
    }

    /** Redacts a complete value (a JSON string, number or name). */
    Outcome redact(String value, MaskingSummary summary) {
        List<Span> spans = find(value, 0, value.length(), true);
        if (spans.isEmpty()) {
            return Outcome.UNCHANGED;
        }
        StringBuilder out = new StringBuilder(value.length());
        int at = 0;
        for (Span span : spans) {
            record(span, summary);
            if (span.action() instanceof MaskAction.Drop) {
                return Outcome.DROP;
            }
            out.append(value, at, span.start()).append(replacement(value, span));
            at = span.end();
        }
        out.append(value, at, value.length());
        return new Outcome(out.toString(), false);
    }
}
