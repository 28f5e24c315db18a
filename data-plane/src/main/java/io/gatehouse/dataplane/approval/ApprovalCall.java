package io.gatehouse.dataplane.approval;

import io.gatehouse.dataplane.policy.ApprovalRule;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * One exact call that needs approval; its digest binds a decision to this method, path, query and body.
 * {@code ownerTeam} is the team owning the identity (empty when unknown).
 */
public record ApprovalCall(String identity, String ownerTeam, String resource, String method, String canonicalPath,
                           String query, byte[] body, String justification, ApprovalRule rule, String requestId) {

    public String digest() {
        try {
            MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
            String bodyHash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
            String canonical = method + "\n" + canonicalPath + "\n" + (query == null ? "" : query) + "\n" + bodyHash;
            return HexFormat.of().formatHex(sha256.digest(canonical.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
