package io.gatehouse.dataplane.masking;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * The built-in detectors, and custom ones from a regular expression. Every pattern has explicit
 * boundaries (look-arounds, which see across the edges of a scanned region) and bounded repetition,
 * so a scan is linear in practice and a match never starts in the middle of a longer token.
 */
public final class Detectors {

    /** The window a custom expression is assumed to fit in when it streams through a text body. */
    static final int CUSTOM_MAX_LENGTH = 1024;

    private static final Predicate<CharSequence> ALWAYS = text -> true;

    public static final Detector PAYMENT_CARD = new Detector("payment-card", true,
            Pattern.compile("(?<![0-9])[0-9](?:[ -]?[0-9]){12,18}(?![0-9])"), 0,
            Detectors::confirmCard, text -> digits(text) >= 13, 40, null, Detectors::alphanumericUpperCase,
            (c, previous) -> isDigit(c) && !isDigit(previous));

    public static final Detector IBAN = new Detector("iban", true,
            Pattern.compile("(?<![A-Za-z0-9])[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){11,30}(?![A-Za-z0-9])"), 0,
            Detectors::confirmIban, text -> text.length() >= 15 && digits(text) >= 2, 50, null,
            Detectors::alphanumericUpperCase, (c, previous) -> isLetter(c) && !isAlphanumeric(previous));

    public static final Detector EMAIL = new Detector("email", true,
            Pattern.compile("(?<![A-Za-z0-9._%+-])[A-Za-z0-9._%+-]{1,64}@"
                    + "[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?){0,8}"
                    + "\\.[A-Za-z]{2,24}(?![A-Za-z0-9-])"), 0,
            Detector.Validator.ANY, text -> contains(text, '@'), 400, null, value -> value.toLowerCase(Locale.ROOT),
            (c, previous) -> isEmailLocal(c) && !isEmailLocal(previous));

    public static final Detector PHONE = new Detector("phone", true,
            Pattern.compile("(?<![A-Za-z0-9+])\\+[1-9][0-9]{0,3}(?:[ .-]?\\(?[0-9]{1,5}\\)?){1,6}(?![0-9])"
                    + "|(?<![A-Za-z0-9+(])(?:\\([2-9][0-9]{2}\\) ?|[2-9][0-9]{2}[-.])[2-9][0-9]{2}[-.][0-9]{4}(?![A-Za-z0-9])"), 0,
            Detectors::confirmPhone, text -> digits(text) >= 8, 40, null, Detectors::phoneDigits,
            (c, previous) -> (c == '+' || c == '(' || (c >= '2' && c <= '9')) && !isAlphanumeric(previous) && previous != '+');

    public static final Detector US_SSN = new Detector("us-ssn", true,
            Pattern.compile("(?<![0-9-])(?!000|666|9[0-9]{2})[0-9]{3}([- ])(?!00)[0-9]{2}\\1(?!0000)[0-9]{4}(?![0-9-])"), 0,
            Detector.Validator.ANY, text -> digits(text) >= 9, 11, null, Detectors::digitsOnly,
            (c, previous) -> isDigit(c) && !isDigit(previous) && previous != '-');

    public static final Detector AWS_ACCESS_KEY = new Detector("aws-access-key", true,
            Pattern.compile("(?<![A-Za-z0-9])(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AIPA|ANPA|ANVA|APKA|AROA|ASCA)[A-Z2-7]{16}(?![A-Za-z0-9])"), 0,
            Detector.Validator.ANY, text -> text.length() >= 20, 20, null, Function.identity(),
            (c, previous) -> c == 'A' && !isAlphanumeric(previous));

    private static final String PEM_END = "-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----";
    public static final Detector PRIVATE_KEY = new Detector("private-key", false,
            Pattern.compile("-----BEGIN (?:[A-Z0-9]+ ){0,4}PRIVATE KEY-----[\\s\\S]*?(?:" + PEM_END + "|\\z)"), 0,
            Detector.Validator.ANY, text -> indexOf(text, "-----BEGIN") >= 0, 16384,
            Pattern.compile("[\\s\\S]*?(?:" + PEM_END + "|\\z)"), Function.identity(),
            (c, previous) -> c == '-');

    public static final Detector JWT = new Detector("jwt", true,
            Pattern.compile("(?<![A-Za-z0-9_-])eyJ[A-Za-z0-9_-]{4,}\\.[A-Za-z0-9_-]+\\.[A-Za-z0-9_-]*(?![A-Za-z0-9_-])"), 0,
            Detectors::confirmJwt, text -> indexOf(text, "eyJ") >= 0, 8192,
            Pattern.compile("[A-Za-z0-9_.-]*"), Function.identity(),
            (c, previous) -> c == 'e' && !isAlphanumeric(previous) && previous != '_' && previous != '-');

    public static final Detector BEARER_TOKEN = new Detector("bearer-token", true,
            Pattern.compile("(?i)(?<![A-Za-z0-9])bearer[ \\t]+([A-Za-z0-9._~+/-]{8,}=*)(?![A-Za-z0-9._~+/=-])"), 1,
            Detectors::confirmBearer, text -> containsIgnoringCase(text, "bearer"), 8192,
            Pattern.compile("[A-Za-z0-9._~+/=-]*"), Function.identity(),
            (c, previous) -> (c == 'b' || c == 'B') && !isAlphanumeric(previous));

    private static final Map<String, Detector> BUILT_IN = Map.of(
            PAYMENT_CARD.name(), PAYMENT_CARD, IBAN.name(), IBAN, EMAIL.name(), EMAIL, PHONE.name(), PHONE,
            US_SSN.name(), US_SSN, AWS_ACCESS_KEY.name(), AWS_ACCESS_KEY, PRIVATE_KEY.name(), PRIVATE_KEY,
            JWT.name(), JWT, BEARER_TOKEN.name(), BEARER_TOKEN);

    /** IBAN lengths of the countries that use them; a country not listed is checked by the checksum and 15–34 characters. */
    private static final Map<String, Integer> IBAN_LENGTHS = Map.ofEntries(
            Map.entry("AD", 24), Map.entry("AE", 23), Map.entry("AL", 28), Map.entry("AT", 20), Map.entry("AZ", 28),
            Map.entry("BA", 20), Map.entry("BE", 16), Map.entry("BG", 22), Map.entry("BH", 22), Map.entry("BR", 29),
            Map.entry("BY", 28), Map.entry("CH", 21), Map.entry("CR", 22), Map.entry("CY", 28), Map.entry("CZ", 24),
            Map.entry("DE", 22), Map.entry("DK", 18), Map.entry("DO", 28), Map.entry("EE", 20), Map.entry("EG", 29),
            Map.entry("ES", 24), Map.entry("FI", 18), Map.entry("FO", 18), Map.entry("FR", 27), Map.entry("GB", 22),
            Map.entry("GE", 22), Map.entry("GI", 23), Map.entry("GL", 18), Map.entry("GR", 27), Map.entry("GT", 28),
            Map.entry("HR", 21), Map.entry("HU", 28), Map.entry("IE", 22), Map.entry("IL", 23), Map.entry("IQ", 23),
            Map.entry("IS", 26), Map.entry("IT", 27), Map.entry("JO", 30), Map.entry("KW", 30), Map.entry("KZ", 20),
            Map.entry("LB", 28), Map.entry("LC", 32), Map.entry("LI", 21), Map.entry("LT", 20), Map.entry("LU", 20),
            Map.entry("LV", 21), Map.entry("MC", 27), Map.entry("MD", 24), Map.entry("ME", 22), Map.entry("MK", 19),
            Map.entry("MR", 27), Map.entry("MT", 31), Map.entry("MU", 30), Map.entry("NL", 18), Map.entry("NO", 15),
            Map.entry("PK", 24), Map.entry("PL", 28), Map.entry("PS", 29), Map.entry("PT", 25), Map.entry("QA", 29),
            Map.entry("RO", 24), Map.entry("RS", 22), Map.entry("SA", 24), Map.entry("SC", 31), Map.entry("SE", 24),
            Map.entry("SI", 19), Map.entry("SK", 24), Map.entry("SM", 27), Map.entry("ST", 25), Map.entry("SV", 28),
            Map.entry("TL", 23), Map.entry("TN", 24), Map.entry("TR", 26), Map.entry("UA", 29), Map.entry("VA", 22),
            Map.entry("VG", 24), Map.entry("XK", 20));

    private Detectors() {
    }

    /** A built-in detector by its configured name (payment-card, iban, email, …), or null. */
    public static Detector builtIn(String name) {
        return BUILT_IN.get(name);
    }

    public static java.util.Set<String> builtInNames() {
        return new java.util.TreeSet<>(BUILT_IN.keySet());
    }

    /**
     * A detector from an operator's regular expression.
     *
     * @throws IllegalArgumentException if it does not compile or can match the empty string
     */
    public static Detector custom(String name, String regex) {
        Pattern pattern;
        try {
            pattern = Pattern.compile(regex);
        } catch (PatternSyntaxException e) {
            throw new IllegalArgumentException("regex '" + regex + "' does not compile: " + e.getDescription()
                    + " near index " + e.getIndex());
        }
        if (pattern.matcher("").matches()) {
            throw new IllegalArgumentException("regex '" + regex + "' matches the empty string");
        }
        return new Detector(name, false, pattern, 0, Detector.Validator.ANY, ALWAYS, CUSTOM_MAX_LENGTH, null, Function.identity(), null);
    }

    private static int confirmCard(CharSequence text, int start, int end) {
        int e = end;
        while (e > start) {
            String digits = digitsOnly(text.subSequence(start, e).toString());
            if (digits.length() >= 13 && digits.length() <= 19 && digits.charAt(0) >= '2' && digits.charAt(0) <= '6'
                    && Checksums.luhn(digits)) {
                return e;
            }
            e = lastSeparatorBefore(text, start, e, " -");
        }
        return -1;
    }

    private static int confirmIban(CharSequence text, int start, int end) {
        int e = end;
        while (e > start) {
            String iban = alphanumericUpperCase(text.subSequence(start, e).toString());
            Integer expected = IBAN_LENGTHS.get(iban.substring(0, 2));
            boolean lengthOk = expected == null ? iban.length() >= 15 && iban.length() <= 34 : iban.length() == expected;
            if (lengthOk && Checksums.ibanMod97(iban)) {
                return e;
            }
            e = lastSeparatorBefore(text, start, e, " ");
        }
        return -1;
    }

    private static int confirmPhone(CharSequence text, int start, int end) {
        int digits = digits(text.subSequence(start, end));
        return digits >= 8 && digits <= 15 ? end : -1;
    }

    /** The header of a JWT is base64url JSON naming its algorithm. */
    private static int confirmJwt(CharSequence text, int start, int end) {
        String candidate = text.subSequence(start, end).toString();
        String header = candidate.substring(0, candidate.indexOf('.'));
        try {
            String json = new String(Base64.getUrlDecoder().decode(header), StandardCharsets.UTF_8);
            return json.startsWith("{") && json.contains("\"alg\"") ? end : -1;
        } catch (IllegalArgumentException e) {
            return -1;
        }
    }

    /** "Bearer" followed by a word is prose; a token has a digit or a symbol, or is long. */
    private static int confirmBearer(CharSequence text, int start, int end) {
        int token = start + "bearer".length();
        while (token < end && (text.charAt(token) == ' ' || text.charAt(token) == '\t')) {
            token++;
        }
        if (end - token >= 24) {
            return end;
        }
        for (int i = token; i < end; i++) {
            char c = text.charAt(i);
            if (!Character.isLetter(c)) {
                return end;
            }
        }
        return -1;
    }

    private static int lastSeparatorBefore(CharSequence text, int start, int end, String separators) {
        for (int i = end - 1; i > start; i--) {
            if (separators.indexOf(text.charAt(i)) >= 0) {
                return i;
            }
        }
        return start;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private static boolean isLetter(char c) {
        return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z');
    }

    private static boolean isAlphanumeric(char c) {
        return isDigit(c) || isLetter(c);
    }

    private static boolean isEmailLocal(char c) {
        return isAlphanumeric(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
    }

    static int digits(CharSequence text) {
        int count = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c >= '0' && c <= '9') {
                count++;
            }
        }
        return count;
    }

    private static boolean contains(CharSequence text, char wanted) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == wanted) {
                return true;
            }
        }
        return false;
    }

    /** For the case-insensitive bearer pattern: "BeArEr" must pass its prefilter as "Bearer" does. */
    private static boolean containsIgnoringCase(CharSequence text, String lowerCase) {
        String haystack = text.toString();
        int last = haystack.length() - lowerCase.length();
        for (int i = 0; i <= last; i++) {
            if (haystack.regionMatches(true, i, lowerCase, 0, lowerCase.length())) {
                return true;
            }
        }
        return false;
    }

    private static int indexOf(CharSequence text, String wanted) {
        if (text instanceof String s) {
            return s.indexOf(wanted);
        }
        return text.toString().indexOf(wanted);
    }

    static String digitsOnly(String value) {
        StringBuilder digits = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c >= '0' && c <= '9') {
                digits.append(c);
            }
        }
        return digits.toString();
    }

    private static String phoneDigits(String value) {
        return (value.startsWith("+") ? "+" : "") + digitsOnly(value);
    }

    private static String alphanumericUpperCase(String value) {
        StringBuilder result = new StringBuilder(value.length());
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (Character.isLetterOrDigit(c)) {
                result.append(Character.toUpperCase(c));
            }
        }
        return result.toString();
    }
}
