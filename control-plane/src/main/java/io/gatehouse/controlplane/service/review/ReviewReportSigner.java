package io.gatehouse.controlplane.service.review;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.domain.review.ReviewReport;
import io.gatehouse.controlplane.security.CompactJws;
import io.gatehouse.controlplane.security.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * Signs campaign reports as compact JWS (ES256, the control plane's signing key, payload = the report JSON), so that
 * anyone can check a report later against the control plane's published JWK Set, and checks such signatures.
 */
@ApplicationScoped
public class ReviewReportSigner {

    public static final String TYPE = "gatehouse-access-review+json";

    private final CompactJws jws;
    private final SigningKeys keys;
    private final ObjectMapper json;

    public ReviewReportSigner(CompactJws jws, SigningKeys keys, ObjectMapper json) {
        this.jws = jws;
        this.keys = keys;
        this.json = json;
    }

    public String sign(ReviewReport report) {
        return jws.sign(TYPE, (ObjectNode) json.valueToTree(report));
    }

    /** The report inside a signed report this control plane made, whether or not the signature holds. */
    public ReviewReport payload(String signed) {
        try {
            return json.treeToValue(part(signed, 1), ReviewReport.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("the report payload is not a Gatehouse access-review report", e);
        }
    }

    /** Checks a signed report: well formed, of this type, and signed by one of the control plane's keys. */
    public Verification verify(String signed) {
        String[] parts = signed == null ? new String[0] : signed.strip().split("\\.", -1);
        if (parts.length != 3) {
            return Verification.invalid(null, "not a compact JWS (three base64url parts separated by dots)");
        }
        JsonNode header;
        try {
            header = part(signed.strip(), 0);
        } catch (IOException | IllegalArgumentException e) {
            return Verification.invalid(null, "the JWS header is not base64url JSON");
        }
        String kid = header.path("kid").asText(null);
        if (!TYPE.equals(header.path("typ").asText()) || !"ES256".equals(header.path("alg").asText())) {
            return Verification.invalid(kid, "not an access-review report: typ must be " + TYPE + " and alg ES256");
        }
        byte[] signature;
        try {
            signature = Base64.getUrlDecoder().decode(parts[2]);
        } catch (IllegalArgumentException e) {
            return Verification.invalid(kid, "the signature is not base64url");
        }
        byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (kid == null || !keys.verify(kid, input, signature)) {
            return Verification.invalid(kid, "the signature does not verify with the control plane's key " + kid
                    + ": the report was changed, or it was not signed by this Gatehouse");
        }
        try {
            return new Verification(true, kid, json.treeToValue(part(signed.strip(), 1), ReviewReport.class).campaignId(), null);
        } catch (IOException e) {
            return Verification.invalid(kid, "the signed payload is not an access-review report");
        }
    }

    private JsonNode part(String signed, int index) throws IOException {
        String[] parts = signed.split("\\.", -1);
        if (parts.length != 3) {
            throw new IOException("not a compact JWS");
        }
        return json.readTree(Base64.getUrlDecoder().decode(parts[index]));
    }

    /** The outcome of checking a signed report; {@code problem} says why it is not valid. */
    public record Verification(boolean valid, String kid, String campaignId, String problem) {

        static Verification invalid(String kid, String problem) {
            return new Verification(false, kid, null, problem);
        }
    }
}
