package io.gatehouse.dataplane.masking;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** True and false positives of every built-in detector, as found in running text. */
class DetectorsTest {

    private static final String JWT = "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";

    @Test
    void paymentCardsPassingLuhnAreFoundWithOrWithoutSeparators() {
        assertFinds(Detectors.PAYMENT_CARD, "card 4111 1111 1111 1111 on file", "4111 1111 1111 1111");
        assertFinds(Detectors.PAYMENT_CARD, "mc:5555555555554444.", "5555555555554444");
        assertFinds(Detectors.PAYMENT_CARD, "amex 3782-822463-10005", "3782-822463-10005");
        assertFinds(Detectors.PAYMENT_CARD, "4111 1111 1111 1111 2024", "4111 1111 1111 1111");
    }

    @Test
    void digitRunsThatAreNotCardsAreLeftAlone() {
        assertFindsNothing(Detectors.PAYMENT_CARD, "4111111111111112"); // Luhn fails
        assertFindsNothing(Detectors.PAYMENT_CARD, "epoch ms 1732876543210"); // no card starts with 1
        assertFindsNothing(Detectors.PAYMENT_CARD, "id 12345678901234567890123"); // too long, not cut in the middle
        assertFindsNothing(Detectors.PAYMENT_CARD, "phone 202-555-0143");
    }

    @Test
    void ibansPassingTheMod97CheckAreFound() {
        assertFinds(Detectors.IBAN, "pay to GB82 WEST 1234 5698 7654 32 today", "GB82 WEST 1234 5698 7654 32");
        assertFinds(Detectors.IBAN, "DE89370400440532013000", "DE89370400440532013000");
        assertFinds(Detectors.IBAN, "lower case de89370400440532013000 too", "de89370400440532013000");
    }

    @Test
    void ibanLookAlikesAreLeftAlone() {
        assertFindsNothing(Detectors.IBAN, "GB82WEST12345698765433"); // checksum
        assertFindsNothing(Detectors.IBAN, "DE8937040044053201300"); // German IBANs have 22 characters
        assertFindsNothing(Detectors.IBAN, "request id AB12CDEF34567890XYZ");
    }

    @Test
    void emailAddressesAreFound() {
        assertFinds(Detectors.EMAIL, "write to ada.lovelace+gh@mail.example.co.uk.", "ada.lovelace+gh@mail.example.co.uk");
        assertFinds(Detectors.EMAIL, "<ADA@EXAMPLE.COM>", "ADA@EXAMPLE.COM");
    }

    @Test
    void thingsWithAnAtSignThatAreNotAddressesAreLeftAlone() {
        assertFindsNothing(Detectors.EMAIL, "ping @handle");
        assertFindsNothing(Detectors.EMAIL, "root@localhost");
        assertFindsNothing(Detectors.EMAIL, "a@b");
    }

    @Test
    void phoneNumbersAreFound() {
        assertFinds(Detectors.PHONE, "call +44 20 7946 0958 now", "+44 20 7946 0958");
        assertFinds(Detectors.PHONE, "call +1-202-555-0143", "+1-202-555-0143");
        assertFinds(Detectors.PHONE, "office (202) 555-0143", "(202) 555-0143");
        assertFinds(Detectors.PHONE, "office 202.555.0143", "202.555.0143");
    }

    @Test
    void datesVersionsAndSsnsAreNotPhoneNumbers() {
        assertFindsNothing(Detectors.PHONE, "on 2024-11-29 at 10:15");
        assertFindsNothing(Detectors.PHONE, "ssn 123-45-6789");
        assertFindsNothing(Detectors.PHONE, "version 10.2.3.4");
        assertFindsNothing(Detectors.PHONE, "order 12345678901");
        assertFindsNothing(Detectors.PHONE, "+1 day");
    }

    @Test
    void socialSecurityNumbersAreFound() {
        assertFinds(Detectors.US_SSN, "ssn: 123-45-6789", "123-45-6789");
        assertFinds(Detectors.US_SSN, "ssn 078 05 1120.", "078 05 1120");
    }

    @Test
    void invalidSsnRangesAndOtherShapesAreLeftAlone() {
        assertFindsNothing(Detectors.US_SSN, "000-12-3456");
        assertFindsNothing(Detectors.US_SSN, "666-12-3456");
        assertFindsNothing(Detectors.US_SSN, "900-12-3456");
        assertFindsNothing(Detectors.US_SSN, "123-00-4567");
        assertFindsNothing(Detectors.US_SSN, "123-45-0000");
        assertFindsNothing(Detectors.US_SSN, "123-45-67890");
        assertFindsNothing(Detectors.US_SSN, "123-45 6789");
        assertFindsNothing(Detectors.US_SSN, "2024-11-29");
    }

    @Test
    void awsAccessKeyIdsAreFound() {
        assertFinds(Detectors.AWS_ACCESS_KEY, "key=AKIAIOSFODNN7EXAMPLE;", "AKIAIOSFODNN7EXAMPLE");
        assertFinds(Detectors.AWS_ACCESS_KEY, "\"ASIAY34FZKBOKMUTVV7A\"", "ASIAY34FZKBOKMUTVV7A");
    }

    @Test
    void awsLookAlikesAreLeftAlone() {
        assertFindsNothing(Detectors.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPL");
        assertFindsNothing(Detectors.AWS_ACCESS_KEY, "AKIAIOSFODNN7EXAMPLEX");
        assertFindsNothing(Detectors.AWS_ACCESS_KEY, "akiaiosfodnn7example");
        assertFindsNothing(Detectors.AWS_ACCESS_KEY, "XKIAIOSFODNN7EXAMPLE");
    }

    @Test
    void privateKeyBlocksAreFoundWholeOrToTheEnd() {
        String rsa = "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA0Z3VS5JJcds3xfn\n-----END RSA PRIVATE KEY-----";
        assertFinds(Detectors.PRIVATE_KEY, "key:\n" + rsa + "\nbye", rsa);
        String openssh = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA";
        assertFinds(Detectors.PRIVATE_KEY, "cut " + openssh, openssh);
    }

    @Test
    void publicKeysAndCertificatesAreLeftAlone() {
        assertFindsNothing(Detectors.PRIVATE_KEY, "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYI\n-----END PUBLIC KEY-----");
        assertFindsNothing(Detectors.PRIVATE_KEY, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----");
    }

    @Test
    void jwtsAreFound() {
        assertFinds(Detectors.JWT, "token=" + JWT + "&x=1", JWT);
        String unsecured = "eyJhbGciOiJub25lIn0.eyJzdWIiOiJ4In0.";
        assertFinds(Detectors.JWT, unsecured, unsecured);
    }

    @Test
    void jwtLookAlikesAreLeftAlone() {
        assertFindsNothing(Detectors.JWT, "eyJfoo.bar.baz");
        assertFindsNothing(Detectors.JWT, "eyJhbGciOiJIUzI1NiJ9");
        assertFindsNothing(Detectors.JWT, "eyJzdWIiOiIxMjM0NTY3ODkwIn0.eyJzdWIiOiJ4In0.sig"); // header without alg
    }

    @Test
    void bearerTokensAreFoundWithoutTheWordBearer() {
        assertFinds(Detectors.BEARER_TOKEN, "Authorization: Bearer abc123def456ghi", "abc123def456ghi");
        assertFinds(Detectors.BEARER_TOKEN, "bearer   dGhpcyBpcyBhIHRva2Vu==", "dGhpcyBpcyBhIHRva2Vu==");
    }

    @Test
    void bearerInProseIsLeftAlone() {
        assertFindsNothing(Detectors.BEARER_TOKEN, "the bearer of bad news");
        assertFindsNothing(Detectors.BEARER_TOKEN, "Bearer authentication is described in RFC 6750");
    }

    @Test
    void customExpressionsAreCheckedWhenCompiled() {
        assertFinds(Detectors.custom("order", "ORD-[0-9]{6}"), "see ORD-123456.", "ORD-123456");
        IllegalArgumentException bad = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Detectors.custom("bad", "ORD-[0-9"));
        assertTrue(bad.getMessage().contains("does not compile"), bad.getMessage());
        IllegalArgumentException empty = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> Detectors.custom("empty", "x*"));
        assertTrue(empty.getMessage().contains("empty string"), empty.getMessage());
    }

    @Test
    void checksumsAgreeWithKnownValues() {
        assertTrue(Checksums.luhn("79927398713"));
        assertTrue(!Checksums.luhn("79927398710"));
        assertTrue(Checksums.ibanMod97("GB82WEST12345698765432"));
        assertTrue(!Checksums.ibanMod97("GB82WEST12345698765423"));
    }

    @Test
    void tryingPatternsOnlyWhereAMatchCanStartFindsWhatAFullScanFinds() {
        List<Detector> builtIn = List.of(Detectors.PAYMENT_CARD, Detectors.IBAN, Detectors.EMAIL, Detectors.PHONE,
                Detectors.US_SSN, Detectors.AWS_ACCESS_KEY, Detectors.PRIVATE_KEY, JWT_DETECTOR, Detectors.BEARER_TOKEN);
        List<String> texts = new java.util.ArrayList<>(ChunkSplitEquivalenceTest.TEXT_CORPUS);
        texts.addAll(ChunkSplitEquivalenceTest.JSON_CORPUS);
        texts.add("------BEGIN PRIVATE KEY-----\nx\n-----END PRIVATE KEY----- ++44 20 7946 0958 (202) 555-0143 a.b-c@d.example.org "
                + "1234 4111 1111 1111 1111 x-123-45-6789 AKIAAKIAIOSFODNN7EXAMPLE bearerBearer abc123def456");
        for (Detector detector : builtIn) {
            Detector fullScan = new Detector(detector.name(), false, detector.pattern(), detector.group(), detector.validator(),
                    detector.prefilter(), detector.maxLength(), detector.continuation(), detector.normalizer(), null);
            for (String text : texts) {
                assertEquals(find(fullScan, text), find(detector, text), detector.name() + " in " + text);
                // as in a text body: no prefilter over the whole text, lines judged one by one
                assertEquals(find(fullScan, text), find(detector, text, false), detector.name() + " line by line in " + text);
            }
        }
    }

    private static final Detector JWT_DETECTOR = Detectors.JWT;

    private static void assertFinds(Detector detector, String text, String expected) {
        List<String> found = find(detector, text);
        assertEquals(List.of(expected), found, detector.name() + " in '" + text + "'");
    }

    private static void assertFindsNothing(Detector detector, String text) {
        assertEquals(List.of(), find(detector, text), detector.name() + " in '" + text + "'");
    }

    @Test
    void bearerTokensAreFoundInAnyCase() {
        for (String text : new String[]{"Bearer abc123def456ghi", "BEARER abc123def456ghi", "bEaReR abc123def456ghi"}) {
            assertEquals(List.of("abc123def456ghi"), find(Detectors.BEARER_TOKEN, text), text);
            assertEquals(List.of("abc123def456ghi"), find(Detectors.BEARER_TOKEN, "line\n" + text + "\nline", false), text);
        }
    }

    private static List<String> find(Detector detector, String text) {
        return find(detector, text, true);
    }

    private static List<String> find(Detector detector, String text, boolean usePrefilters) {
        TextRedactor redactor = new TextRedactor(List.of(new DetectorRule(detector.name(), detector, MaskAction.Redact.DEFAULT)));
        return redactor.find(text, 0, text.length(), usePrefilters).stream()
                .map(span -> text.substring(span.start(), span.end()))
                .toList();
    }
}
