package io.gatehouse.dataplane.masking;

import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds one kind of sensitive value in text. A candidate found by the pattern is confirmed by the
 * validator (checksums, known ranges), which may also shorten it (a card number followed by an
 * unrelated group of digits). Detectors are immutable and shared; matching state lives in the
 * {@link Matcher} of the caller.
 *
 * @param singleLine   a match never spans a line break, so a line the prefilter refuses holds no match
 * @param prefilter    a cheap test: text it refuses cannot contain a match
 * @param maxLength    the longest match the detector can produce in one piece; longer ones
 *                     (a private key block) continue with {@code continuation}
 * @param continuation how a match cut at a buffer boundary continues (null: it cannot)
 * @param normalizer   the form that is hashed, so that equal values written differently give equal tokens
 * @param start        where a match can begin, judged from one character and the one before it; lets a
 *                     scan try the pattern only there instead of at every position (null: anywhere)
 */
public record Detector(String name, boolean singleLine, Pattern pattern, int group, Validator validator, Predicate<CharSequence> prefilter,
                       int maxLength, Pattern continuation, Function<String, String> normalizer, StartFilter start) {

    /** Whether a match may begin at a character, given the character before it (0 at the very start). */
    @FunctionalInterface
    public interface StartFilter {
        boolean mayStartAt(char c, char previous);
    }

    /** Confirms a candidate {@code [start, end)} of {@code text}: the end of the confirmed match, or -1. */
    @FunctionalInterface
    public interface Validator {
        Validator ANY = (text, start, end) -> end;

        int confirm(CharSequence text, int start, int end);
    }

    public Matcher matcher(CharSequence text) {
        return pattern.matcher(text);
    }

    public boolean mightOccurIn(CharSequence text) {
        return prefilter.test(text);
    }

    public String normalize(String value) {
        return normalizer.apply(value);
    }
}
