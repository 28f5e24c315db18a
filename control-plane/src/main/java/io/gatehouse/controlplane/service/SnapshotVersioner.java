package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.gatehouse.controlplane.domain.PolicyModel;
import jakarta.enterprise.context.ApplicationScoped;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Content version of a policy model: hex SHA-256 of a canonical JSON serialization (properties and
 * map keys sorted; lists are already in canonical order in {@link PolicyModel}). Equal content
 * gives an equal version, in this process and across restarts.
 */
@ApplicationScoped
public class SnapshotVersioner {

    private final ObjectMapper canonicalJson = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .enable(MapperFeature.SORT_PROPERTIES_ALPHABETICALLY)
            .enable(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .build();

    public String version(PolicyModel model) {
        return version(model, "");
    }

    /** The version of {@code model} delivered with the signing key set described by {@code keySet}. */
    public String version(PolicyModel model, String keySet) {
        try {
            String keys = keySet.isEmpty() ? "" : "\n" + keySet;
            byte[] canonical = (canonicalJson.writeValueAsString(model) + keys).getBytes(StandardCharsets.UTF_8);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("policy model is not serializable", e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
