package io.gatehouse.approval.chat;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** Against the worked example of Slack's "Verifying requests from Slack" documentation. */
class HmacRequestSignatureTest {

    private static final String SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
    private static final String TIMESTAMP = "1531420618";
    private static final byte[] BODY = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow"
            + "&channel_id=G8PSS9T3V&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner"
            + "&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J"
            + "%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
            .getBytes(StandardCharsets.UTF_8);
    private static final String SIGNATURE = "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503";
    private static final Instant THEN = Instant.ofEpochSecond(1531420618);
    private static final Duration SKEW = Duration.ofMinutes(5);

    @Test
    void signsLikeSlack() {
        assertEquals(SIGNATURE, HmacRequestSignature.sign(SECRET, TIMESTAMP, BODY));
    }

    @Test
    void acceptsSlacksExampleWithinTheWindow() {
        assertNull(HmacRequestSignature.problem(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.plusSeconds(299), SKEW));
    }

    @Test
    void refusesStaleFutureTamperedAndMalformed() {
        assertEquals("stale timestamp",
                HmacRequestSignature.problem(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.plusSeconds(301), SKEW));
        assertEquals("stale timestamp",
                HmacRequestSignature.problem(SECRET, TIMESTAMP, SIGNATURE, BODY, THEN.minusSeconds(301), SKEW));
        byte[] tampered = BODY.clone();
        tampered[0] = 'T';
        assertEquals("signature mismatch",
                HmacRequestSignature.problem(SECRET, TIMESTAMP, SIGNATURE, tampered, THEN, SKEW));
        assertEquals("signature mismatch",
                HmacRequestSignature.problem("other", TIMESTAMP, SIGNATURE, BODY, THEN, SKEW));
        assertEquals("malformed timestamp",
                HmacRequestSignature.problem(SECRET, "yesterday", SIGNATURE, BODY, THEN, SKEW));
        assertEquals("missing signature headers",
                HmacRequestSignature.problem(SECRET, TIMESTAMP, null, BODY, THEN, SKEW));
    }
}
