package io.gatehouse.dataplane.masking;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.Locale;
import java.util.Set;

/**
 * Chooses how one response of a masked resource is masked, from its Content-Type and
 * Content-Encoding:
 * <ul>
 *   <li>JSON ({@code application/json}, {@code *+json}) → JSON; NDJSON / JSON lines → JSON, one value per line;</li>
 *   <li>{@code text/event-stream} → per event, its data as JSON or text;</li>
 *   <li>other text ({@code text/*}, XML, JavaScript, form data, YAML, CSV) or no type at all →
 *       sniffed: JSON if the body starts like JSON, else the detectors over the text;</li>
 *   <li>anything else (binary, archives, images…) → refused: it cannot be inspected, so it is not passed.</li>
 * </ul>
 * gzip and deflate bodies are inflated first; other encodings are refused.
 */
public final class ResponseMaskers {

    private static final Set<String> TEXT_TYPES = Set.of("application/xml", "application/javascript",
            "application/ecmascript", "application/x-www-form-urlencoded", "application/yaml", "application/x-yaml",
            "application/csv", "application/graphql", "application/sql");
    private static final Set<String> NDJSON_TYPES = Set.of("application/x-ndjson", "application/ndjson",
            "application/jsonl", "application/x-jsonlines", "application/jsonlines", "application/json-seq");

    private ResponseMaskers() {
    }

    /**
     * @param contentType     the response's Content-Type, or null
     * @param contentEncoding the response's Content-Encoding, or null
     * @throws MaskingException if such a body cannot be masked (the caller answers 502)
     */
    public static BodyMasker forResponse(MaskingPolicy policy, MaskingLimits limits, String contentType,
                                         String contentEncoding) throws MaskingException {
        BodyMasker masker = forType(policy, limits, contentType);
        String encoding = encoding(contentEncoding);
        if (encoding == null) {
            return masker;
        }
        return new InflatingBodyMasker(encoding, masker, limits);
    }

    /** For callers that know the type is maskable (tests, benchmarks). */
    public static BodyMasker forResponseUnchecked(MaskingPolicy policy, MaskingLimits limits, String contentType,
                                                  String contentEncoding) {
        try {
            return forResponse(policy, limits, contentType, contentEncoding);
        } catch (MaskingException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    /** The content coding to undo, null for none. */
    private static String encoding(String contentEncoding) throws MaskingException {
        if (contentEncoding == null || contentEncoding.isBlank()) {
            return null;
        }
        String coding = contentEncoding.trim().toLowerCase(Locale.ROOT);
        return switch (coding) {
            case "identity" -> null;
            case "gzip", "x-gzip" -> "gzip";
            case "deflate" -> "deflate";
            default -> throw new MaskingException("the upstream sent a body with Content-Encoding '" + safe(contentEncoding)
                    + "', which cannot be decoded to be masked (gzip and deflate can)");
        };
    }

    private static BodyMasker forType(MaskingPolicy policy, MaskingLimits limits, String contentType) throws MaskingException {
        if (contentType == null || contentType.isBlank()) {
            return sniffing(policy, limits, StandardCharsets.UTF_8);
        }
        String[] parts = contentType.split(";");
        String type = parts[0].trim().toLowerCase(Locale.ROOT);
        Charset charset = charset(parts);
        if (type.equals("application/json") || type.endsWith("+json")) {
            requireUtf8(charset, type);
            return new JsonBodyMasker(policy, limits, false);
        }
        if (NDJSON_TYPES.contains(type)) {
            requireUtf8(charset, type);
            return new JsonBodyMasker(policy, limits, true);
        }
        if (type.equals("text/event-stream")) {
            return new SseBodyMasker(policy, limits);
        }
        if (type.startsWith("text/") || TEXT_TYPES.contains(type) || type.endsWith("+xml")) {
            return sniffing(policy, limits, charset == null ? StandardCharsets.UTF_8 : charset);
        }
        throw new MaskingException("the upstream sent a body of type '" + safe(type)
                + "', which cannot be inspected, to a resource that masks responses");
    }

    private static BodyMasker sniffing(MaskingPolicy policy, MaskingLimits limits, Charset charset) throws MaskingException {
        String name = charset.name().toUpperCase(Locale.ROOT);
        if (name.startsWith("UTF-16") || name.startsWith("UTF-32")) {
            // JSON in such a body could not be told from text by its first byte, and would escape the field rules
            throw new MaskingException("the upstream sent text in " + charset.name()
                    + ", which is not masked; ask for UTF-8");
        }
        return new SniffingBodyMasker(() -> new JsonBodyMasker(policy, limits, false),
                () -> new TextBodyMasker(policy, limits, charset));
    }

    private static void requireUtf8(Charset charset, String type) throws MaskingException {
        if (charset != null && !charset.equals(StandardCharsets.UTF_8) && !charset.equals(StandardCharsets.US_ASCII)) {
            throw new MaskingException("the upstream sent " + type + " in " + charset.name()
                    + "; JSON is masked in UTF-8 only");
        }
    }

    private static Charset charset(String[] parts) throws MaskingException {
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i].trim();
            if (parameter.regionMatches(true, 0, "charset=", 0, 8)) {
                String name = parameter.substring(8).trim().replace("\"", "");
                try {
                    return Charset.forName(name);
                } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
                    throw new MaskingException("the upstream sent a body in an unknown charset '" + safe(name) + "'");
                }
            }
        }
        return null;
    }

    /** Header values end up in logs and problem details: keep them short and printable. */
    private static String safe(String value) {
        String printable = value.replaceAll("[^\\x20-\\x7E]", "?");
        return printable.length() > 60 ? printable.substring(0, 60) + "…" : printable;
    }
}
