package io.gatehouse.it;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.Http;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Database;
import io.gatehouse.launcher.suite.Suite;
import io.gatehouse.launcher.upstream.RecordedRequest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Response masking through the real proxy, against the demo upstream's masking routes (resource
 * demo-masked): chunked and gzip bodies, a large document, JSON labelled as text, text, server-sent
 * events, NDJSON, a binary body, Range and HEAD requests, and the audit record of what was masked.
 */
@Order(2)
class MaskingThroughProxyTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CARD = "4111 1111 1111 1111";

    private static Suite suite;
    private static String token;

    @BeforeAll
    static void suite() {
        suite = GatehouseSuite.requireAll();
        token = Tokens.deployBot();
    }

    @Test
    void chunkedJsonIsMaskedByEveryKindOfRule() throws Exception {
        HttpResponse<String> response = get("/masked/customers");
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        assertTrue(response.headers().firstValue("Content-Length").isEmpty(), "a masked body is streamed, never announced by length");
        JsonNode first = JSON.readTree(response.body()).at("/customers/0");
        assertEquals("[masked]", first.path("ssn").asText(), "field rule (masked_fields)");
        assertEquals("****1111", first.at("/card/number").asText(), "path rule, partial");
        assertTrue(first.path("email").asText().startsWith("hmac:"), "hash rule: " + first);
        assertFalse(first.has("iban"), "drop rule: " + first);
        assertEquals("paid with card [masked]", first.path("note").asText(), "payment-card detector");
        assertEquals("gold", first.path("plan").asText());
        assertEquals("12/30", first.at("/card/expiry").asText());
        assertNoSecretIn(response.body());

        HttpResponse<String> again = get("/masked/customers");
        assertEquals(first.path("email").asText(), JSON.readTree(again.body()).at("/customers/0/email").asText(),
                "equal values give equal tokens");
        assertNotEquals(first.path("email").asText(), JSON.readTree(again.body()).at("/customers/1/email").asText());
    }

    @Test
    void gzipBodiesAreInflatedMaskedAndSentPlain() throws Exception {
        HttpResponse<String> plain = get("/masked/customers");
        HttpResponse<String> compressed = get("/masked/customers?gzip");
        assertEquals(200, compressed.statusCode(), () -> Http.describe(compressed));
        assertTrue(compressed.headers().firstValue("Content-Encoding").isEmpty(), "sent without Content-Encoding");
        assertEquals(plain.body(), compressed.body());
        RecordedRequest upstreamSaw = lastUpstreamRequest("/masking/customers");
        assertEquals("identity", upstreamSaw.header("Accept-Encoding"), "the gateway asks for a plain body");
    }

    @Test
    void aLargeChunkedDocumentIsMaskedThroughout() throws Exception {
        HttpResponse<String> response = get("/masked/customers?count=6000&gzip");
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        JsonNode customers = JSON.readTree(response.body()).path("customers");
        assertEquals(6000, customers.size());
        assertEquals("[masked]", customers.get(5999).path("ssn").asText());
        assertTrue(response.body().length() > 1_000_000, "about a megabyte: " + response.body().length());
        assertNoSecretIn(response.body());
    }

    @Test
    void jsonLabelledAsTextGetsTheFieldRules() throws Exception {
        HttpResponse<String> response = get("/masked/customers-as-text");
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        assertEquals("[masked]", JSON.readTree(response.body()).at("/customers/1/ssn").asText());
        assertNoSecretIn(response.body());
    }

    @Test
    void textGoesThroughTheDetectors() {
        HttpResponse<String> response = get("/masked/notes");
        assertEquals(200, response.statusCode(), () -> Http.describe(response));
        assertEquals("Card [masked] was charged.\nKey id [masked]\n[masked]\nThe end.\n", response.body());
    }

    @Test
    void serverSentEventsAndNdjsonAreMaskedPerValue() throws Exception {
        HttpResponse<String> events = get("/masked/events");
        assertEquals(200, events.statusCode(), () -> Http.describe(events));
        assertTrue(events.body().startsWith("event: customer\ndata: {\"id\":1,"), events.body());
        assertTrue(events.body().endsWith("data: [DONE]\n\n"), events.body());
        assertNoSecretIn(events.body());
        HttpResponse<String> lines = get("/masked/lines");
        List<String> values = lines.body().lines().toList();
        assertEquals(2, values.size(), lines.body());
        assertEquals("[masked]", JSON.readTree(values.get(1)).path("ssn").asText());
        assertNoSecretIn(lines.body());
    }

    @Test
    void bodiesThatCannotBeInspectedAreRefused() {
        HttpResponse<String> binary = get("/masked/binary");
        assertEquals(502, binary.statusCode(), () -> Http.describe(binary));
        assertTrue(binary.body().contains("cannot be inspected"), binary.body());
        assertFalse(binary.body().contains("123-45-6789"));
    }

    @Test
    void answersWithSeveralContentTypesAreRefused() {
        HttpResponse<String> ambiguous = get("/masked/ambiguous");
        assertEquals(502, ambiguous.statusCode(), () -> Http.describe(ambiguous));
        assertFalse(ambiguous.body().contains("123-45-"));
    }

    @Test
    void rangeRequestsGetTheWholeMaskedBodyAndPartialAnswersAreRefused() throws Exception {
        HttpResponse<String> ranged = Http.send(request("/masked/customers").header("Range", "bytes=0-20")
                .header("If-Range", "\"x\"").GET().build());
        assertEquals(200, ranged.statusCode(), () -> Http.describe(ranged));
        assertEquals(2, JSON.readTree(ranged.body()).path("customers").size());
        RecordedRequest upstreamSaw = lastUpstreamRequest("/masking/customers");
        assertEquals(null, upstreamSaw.header("Range"), "Range is stripped on a masked resource");
        assertEquals(null, upstreamSaw.header("If-Range"));

        HttpResponse<String> partial = get("/masked/range");
        assertEquals(502, partial.statusCode(), () -> Http.describe(partial));
        assertFalse(partial.body().contains("\"ssn\""));
    }

    @Test
    void headAnswersCarryNoBodyAndNoUpstreamLength() {
        HttpResponse<String> head = Http.send(request("/masked/customers").method("HEAD", HttpRequest.BodyPublishers.noBody()).build());
        assertEquals(200, head.statusCode(), () -> Http.describe(head));
        assertEquals("", head.body());
    }

    @Test
    void theAuditRecordNamesTheRulesThatFiredAndCountsWhatEachMaskedButNoValue() throws Exception {
        HttpResponse<String> response = get("/masked/customers");
        String requestId = response.headers().firstValue("X-Gatehouse-Request-Id").orElseThrow();
        String masked = auditedMaskedFields(requestId);
        for (String rule : List.of("ssn", "card-number", "email", "iban", "payment-card")) {
            assertTrue(masked.contains("\"" + rule + "\""), () -> "rule " + rule + " in " + masked);
            assertTrue(java.util.regex.Pattern.compile("\"" + rule + "\": [1-9]").matcher(masked).find(),
                    () -> "a count of values masked by " + rule + " in " + masked);
        }
        assertFalse(masked.contains("123-45") || masked.contains("4111") || masked.contains("@example.com"), masked);
    }

    private static void assertNoSecretIn(String body) {
        assertFalse(body.contains(CARD), "card number leaked");
        assertFalse(body.contains("123-45-"), "ssn leaked");
        assertFalse(body.contains("@example.com"), "e-mail leaked");
        assertFalse(body.contains("GB82"), "iban leaked");
    }

    private static HttpResponse<String> get(String path) {
        return Http.send(request(path).GET().build());
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(suite.proxyUrl() + path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token);
    }

    private static RecordedRequest lastUpstreamRequest(String path) {
        List<RecordedRequest> requests = suite.upstream().requests();
        for (int i = requests.size() - 1; i >= 0; i--) {
            if (requests.get(i).path().equals(path)) {
                return requests.get(i);
            }
        }
        throw new AssertionError("the upstream saw no request for " + path);
    }

    private static String auditedMaskedFields(String requestId) throws Exception {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (Instant.now().isBefore(deadline)) {
            try (Connection connection = suite.database().connect(Database.CONTROL);
                 PreparedStatement query = connection.prepareStatement(
                         "SELECT masked_fields::text || ' ' || masked_values::text FROM audit_event WHERE request_id = ?")) {
                query.setString(1, requestId);
                try (ResultSet result = query.executeQuery()) {
                    if (result.next()) {
                        return result.getString(1);
                    }
                }
            }
            Thread.sleep(250);
        }
        throw new AssertionError("no audit event for request " + requestId + " within 15 s");
    }
}
