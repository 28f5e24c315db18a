package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CredentialEchoScrubberTest {

    private static final String SECRET = "s3cr3t-upstream-token-0123";

    @Test
    void theReplacementKeepsTheLengthAndAFixedForm() {
        assertEquals("[REDACTED]", CredentialEchoScrubber.replacementOfLength(10));
        assertEquals("[REDACTED****]", CredentialEchoScrubber.replacementOfLength(14));
        assertEquals("*****", CredentialEchoScrubber.replacementOfLength(5));
    }

    @Test
    void scrubsEchoesCutAtEveryPossiblePairOfChunkBoundaries() {
        String body = "{\"headers\":{\"authorization\":\"Bearer " + SECRET + "\"},\"again\":\"" + SECRET + SECRET
                + "\",\"almost\":\"" + SECRET.substring(0, SECRET.length() - 1) + "\"}";
        String expected = body.replace(SECRET, CredentialEchoScrubber.replacementOfLength(SECRET.length()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int first = 0; first <= bytes.length; first++) {
            for (int second = first; second <= bytes.length; second += 3) {
                CredentialEchoScrubber scrubber = new CredentialEchoScrubber(SECRET);
                ByteArrayOutputStream out = new ByteArrayOutputStream();
                out.writeBytes(scrubber.scrub(java.util.Arrays.copyOfRange(bytes, 0, first)));
                out.writeBytes(scrubber.scrub(java.util.Arrays.copyOfRange(bytes, first, second)));
                out.writeBytes(scrubber.scrub(java.util.Arrays.copyOfRange(bytes, second, bytes.length)));
                out.writeBytes(scrubber.finish());

                assertEquals(expected, out.toString(StandardCharsets.UTF_8), "cut at " + first + " and " + second);
                assertEquals(3, scrubber.replaced());
            }
        }
    }

    @Test
    void scrubsAnEchoFedOneByteAtATimeAndHoldsBackNoMoreThanTheWindow() {
        CredentialEchoScrubber scrubber = new CredentialEchoScrubber(SECRET);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] bytes = ("x" + SECRET + "y".repeat(100)).getBytes(StandardCharsets.UTF_8);
        for (int i = 0; i < bytes.length; i++) {
            out.writeBytes(scrubber.scrub(new byte[] {bytes[i]}));
            assertTrue(i + 1 - out.size() <= SECRET.length() - 1, "holds back at most the window");
        }
        out.writeBytes(scrubber.finish());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains(SECRET));
        assertEquals(bytes.length, out.size());
    }

    @Test
    void scrubsHeaderValuesAndFindsItInNames() {
        CredentialEchoScrubber scrubber = new CredentialEchoScrubber(SECRET);
        assertEquals("Bearer " + CredentialEchoScrubber.replacementOfLength(SECRET.length()),
                scrubber.scrubHeaderValue("Bearer " + SECRET));
        assertEquals("unrelated", scrubber.scrubHeaderValue("unrelated"));
        assertTrue(scrubber.echoedIn("X-" + SECRET));
        assertEquals(1, scrubber.replaced());
    }

    @Test
    void neverPrintsTheSecret() {
        UpstreamCredential credential = new UpstreamCredential("demo", SECRET, Instant.now());
        assertFalse(credential.echoScrubber(CredentialInjection.of(InjectionStyle.BEARER)).toString().contains(SECRET));
    }

    @Test
    void scrubsEveryFormOfASecretAcrossChunkBoundariesTheLongerFormFirst() {
        String token = "access-token-abcdefghijklmnopqrstuvwxyz";
        String clientSecret = "cl13nt+s3cret";
        String body = "{\"t\":\"" + token + "\",\"s\":\"" + clientSecret + "\",\"enc\":\"cl13nt%2Bs3cret\",\"tail\":\"" + clientSecret;
        String expected = body.replace(token, CredentialEchoScrubber.replacementOfLength(token.length()))
                .replace(clientSecret, CredentialEchoScrubber.replacementOfLength(clientSecret.length()))
                .replace("cl13nt%2Bs3cret", CredentialEchoScrubber.replacementOfLength("cl13nt%2Bs3cret".length()));
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        for (int cut = 0; cut <= bytes.length; cut++) {
            CredentialEchoScrubber scrubber = new CredentialEchoScrubber(java.util.List.of(clientSecret, token, "cl13nt%2Bs3cret"));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.writeBytes(scrubber.scrub(java.util.Arrays.copyOfRange(bytes, 0, cut)));
            out.writeBytes(scrubber.scrub(java.util.Arrays.copyOfRange(bytes, cut, bytes.length)));
            out.writeBytes(scrubber.finish());

            assertEquals(expected, out.toString(StandardCharsets.UTF_8), "cut at " + cut);
            assertEquals(4, scrubber.replaced(), "cut at " + cut);
        }
    }
}
