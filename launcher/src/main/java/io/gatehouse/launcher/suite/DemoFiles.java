package io.gatehouse.launcher.suite;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Set;

/**
 * The files the launcher writes for the services: the demo declarative config the control plane
 * applies at start, and the vault broker's static secret store (readable by the owner only).
 */
public final class DemoFiles {

    public static final String RESOURCE = "demo";
    public static final String IDENTITY = "deploy-bot";

    private DemoFiles() {
    }

    /**
     * The demo declarative config: one identity; the demo resource (recording bodies) with a read grant and
     * approval-gated write grants (quorum 1, quorum 2, a short approval window, break-glass); and demo-masked,
     * whose answers show every kind of masking rule.
     */
    public static String config(String ciIssuerUrl, String upstreamUrl, Instant now) {
        return config(ciIssuerUrl, upstreamUrl, now, "", "");
    }

    /**
     * The demo declarative config with more resources and grants appended to its lists (YAML list items indented
     * by two spaces; {@code {expires}} becomes the demo's expiry date).
     */
    public static String config(String ciIssuerUrl, String upstreamUrl, Instant now, String extraResources,
                                String extraGrants) {
        String expires = now.plus(180, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        return """
                # Written by the Gatehouse launcher for the local suite; rewritten at every start.
                identities:
                  - name: deploy-bot
                    kind: ci-job
                    owner: {team: platform, contact: platform@acme.example}
                    purpose: Deploys acme/deploy from main
                    expires: %s
                    trust:
                      oidc:
                        issuer: %s
                        audiences: [gatehouse]
                        claims: {repository: acme/deploy, ref: refs/heads/main}
                resources:
                  - name: demo
                    pathPrefix: /demo
                    upstream: %s
                    credential: {injection: bearer}
                    masking: {fields: [ssn]}
                    timeout: 10s
                    recording: {level: bodies, headers: [content-type, x-request-id], bodyBytes: 4096}
                  - name: demo-masked
                    pathPrefix: /masked
                    upstream: %s/masking
                    credential: {injection: bearer}
                    masking:
                      fields: [ssn]
                      rules:
                        - {name: card-number, path: "$..card.number", action: partial, keepLast: 4}
                        - {field: email, action: hash}
                        - {field: iban, action: drop}
                        - {detector: payment-card}
                        - {detector: aws-access-key}
                        - {detector: private-key}
                grants:
                  - identity: deploy-bot
                    resource: demo
                    methods: [GET]
                    paths: ["/customers/**"]
                  - identity: deploy-bot
                    resource: demo
                    methods: [POST]
                    paths: ["/refunds"]
                    approval: {required: true, approverGroup: payments-approvers, quorum: 1}
                  - identity: deploy-bot              # bulk refunds: two distinct approvers
                    resource: demo
                    methods: [POST]
                    paths: ["/refunds/bulk"]
                    approval: {required: true, approverGroup: payments-approvers, quorum: 2}
                  - identity: deploy-bot              # express refunds: held 2 s, approval valid 8 s
                    resource: demo
                    methods: [POST]
                    paths: ["/refunds/express"]
                    approval: {required: true, approverGroup: payments-approvers, holdTime: 2s, validity: 8s}
                  - identity: deploy-bot              # emergency refunds: break-glass allowed, reviewed afterwards
                    resource: demo
                    methods: [POST]
                    paths: ["/refunds/emergency"]
                    approval: {required: true, approverGroup: payments-approvers, breakGlass: true}
                  - identity: deploy-bot
                    resource: demo-masked
                    methods: [GET, HEAD]
                    paths: ["/**"]
                """.formatted(expires, ciIssuerUrl, upstreamUrl, upstreamUrl)
                .replace("grants:\n", extraResources.replace("{expires}", expires) + "grants:\n")
                + extraGrants.replace("{expires}", expires);
    }

    /** The static secret store: the demo resources' upstream credential. */
    public static String secretStore(String secret) {
        return """
                # Written by the Gatehouse launcher; a new secret at every start.
                secrets:
                  demo:
                    value: "%s"
                    ttl: 10m
                  demo-masked:
                    value: "%s"
                    ttl: 10m
                """.formatted(secret, secret);
    }

    public static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
    }

    /** Writes a file only its owner can read and write (0600) where the file system supports it. */
    public static void writePrivate(Path file, String content) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.deleteIfExists(file);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } else {
            Files.createFile(file);
            file.toFile().setReadable(false, false);
            file.toFile().setReadable(true, true);
        }
        Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
            Files.setPosixFilePermissions(file, Set.copyOf(PosixFilePermissions.fromString("rw-------")));
        }
    }
}
