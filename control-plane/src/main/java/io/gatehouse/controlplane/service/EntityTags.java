package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.databind.JsonNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Strong ETags of policy objects: a digest of their declarative entry, which the writer emits in a
 * fixed order, so equal content has the same tag on every replica and after every restart.
 */
public final class EntityTags {

    private EntityTags() {
    }

    public static String of(JsonNode entry) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(entry.toString().getBytes(StandardCharsets.UTF_8));
            return '"' + HexFormat.of().formatHex(digest, 0, 16) + '"';
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
