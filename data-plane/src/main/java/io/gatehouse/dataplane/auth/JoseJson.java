package io.gatehouse.dataplane.auth;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The JSON of a JOSE header or a JWT claims set: exactly one object, with no member name twice (RFC 7515 4,
 * RFC 7519 4: a duplicate could be read one way here and another way by the issuer), integers as {@link Long}
 * as jose4j hands them over, nested objects as maps and arrays as lists.
 */
final class JoseJson {

    private static final ObjectReader OBJECT_READER = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(DeserializationFeature.USE_LONG_FOR_INTS)
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build()
            .readerFor(LinkedHashMap.class);

    private JoseJson() {
    }

    /** @throws IOException when the bytes are not one JSON object in UTF-8 with distinct member names */
    static Map<String, Object> object(byte[] utf8) throws IOException {
        Map<String, Object> object = OBJECT_READER.readValue(utf8);
        if (object == null) {
            throw new IOException("not a JSON object");
        }
        return object;
    }
}
