package io.gatehouse.controlplane.domain;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;

/**
 * Identity × resource × operations (methods and path patterns below the resource prefix), with an
 * optional expiry and an optional approval requirement.
 */
public record GrantDefinition(
        String identity,
        String resource,
        List<String> methods,
        List<String> pathPatterns,
        Instant expiresAt,
        ApprovalRequirement approval) {

    /** The canonical order of grants in a snapshot. */
    public static final Comparator<GrantDefinition> CANONICAL_ORDER = Comparator
            .comparing(GrantDefinition::identity)
            .thenComparing(GrantDefinition::resource)
            .thenComparing(grant -> String.join(",", grant.methods()))
            .thenComparing(grant -> String.join(",", grant.pathPatterns()))
            .thenComparing(grant -> String.valueOf(grant.expiresAt()))
            .thenComparing(grant -> String.valueOf(grant.approval()));

    public GrantDefinition {
        Objects.requireNonNull(identity, "identity");
        Objects.requireNonNull(resource, "resource");
        methods = List.copyOf(new TreeSet<>(methods));
        pathPatterns = List.copyOf(new TreeSet<>(pathPatterns));
    }

    /**
     * A stable id: the first 16 hex digits of a SHA-256 over identity, resource, methods and paths, so the
     * same operations of the same identity on the same resource are one grant, whose expiry and approval
     * settings may change without changing its id.
     */
    public String id() {
        String key = identity + '\n' + resource + '\n' + String.join(",", methods) + '\n' + String.join(",", pathPatterns);
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    public Optional<Instant> expiry() {
        return Optional.ofNullable(expiresAt);
    }

    public Optional<ApprovalRequirement> approvalRequirement() {
        return Optional.ofNullable(approval);
    }

    public GrantDefinition withApproval(ApprovalRequirement replaced) {
        return new GrantDefinition(identity, resource, methods, pathPatterns, expiresAt, replaced);
    }
}
