package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gatehouse.controlplane.domain.ApprovalRequirement;
import io.gatehouse.controlplane.domain.ClaimMatcher;
import io.gatehouse.controlplane.domain.CredentialSource;
import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.MaskingRuleDefinition;
import io.gatehouse.controlplane.domain.OidcTrust;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.RecordingPolicy;
import io.gatehouse.controlplane.domain.ResourceDefinition;
import io.gatehouse.controlplane.domain.SpoolFullPolicy;
import io.gatehouse.controlplane.domain.TeamDefinition;

import java.io.UncheckedIOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;

/**
 * Writes a {@link PolicyModel} as the declarative document {@link DeclarativeConfigParser} reads,
 * so that parsing what was written gives the same model back (export, and the entries of the
 * admin API, which uses the same shapes as the file). Defaults are left out.
 */
public final class DeclarativeConfigWriter {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLMapper YAML = YAMLMapper.builder()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.ALWAYS_QUOTE_NUMBERS_AS_STRINGS)
            .build();

    private DeclarativeConfigWriter() {
    }

    /** The model as YAML text, in canonical order. */
    public static String toYaml(PolicyModel model) {
        return toYaml(document(model));
    }

    public static String toYaml(JsonNode node) {
        try {
            return YAML.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("a policy document could not be written as YAML", e);
        }
    }

    public static ObjectNode document(PolicyModel model) {
        ObjectNode root = NODES.objectNode();
        if (!model.teams().isEmpty()) {
            addAll(root.putArray("teams"), model.teams().stream().map(DeclarativeConfigWriter::team).toList());
        }
        addAll(root.putArray("identities"), model.identities().stream().map(DeclarativeConfigWriter::identity).toList());
        addAll(root.putArray("resources"), model.resources().stream().map(DeclarativeConfigWriter::resource).toList());
        addAll(root.putArray("grants"), model.grants().stream().map(DeclarativeConfigWriter::grant).toList());
        return root;
    }

    public static ObjectNode team(TeamDefinition team) {
        ObjectNode node = NODES.objectNode();
        node.put("name", team.name());
        if (team.contact() != null) {
            node.put("contact", team.contact());
        }
        if (!team.ownerGroups().isEmpty()) {
            strings(node.putArray("ownerGroups"), team.ownerGroups());
        }
        team.defaultApproverGroup().ifPresent(group -> node.put("approverGroup", group));
        return node;
    }

    public static ObjectNode identity(IdentityDefinition identity) {
        ObjectNode node = NODES.objectNode();
        node.put("name", identity.name());
        node.put("kind", identity.kind().declaredName());
        ObjectNode owner = node.putObject("owner");
        owner.put("team", identity.ownerTeam());
        owner.put("contact", identity.ownerContact());
        node.put("purpose", identity.purpose());
        node.put("expires", instant(identity.expiresAt()));
        node.put("status", identity.status().declaredName());
        if (!identity.oidcTrusts().isEmpty()) {
            ArrayNode oidc = node.putObject("trust").putArray("oidc");
            identity.oidcTrusts().forEach(trust -> oidc.add(oidcTrust(trust)));
        }
        if (identity.rateLimit() != null) {
            ObjectNode limit = node.putObject("rateLimit");
            limit.put("requests", identity.rateLimit().requests());
            limit.put("per", duration(identity.rateLimit().per()));
            limit.put("burst", identity.rateLimit().burst());
        }
        return node;
    }

    /** Every binding in the generic form: presets were expanded when read and are not kept in the model. */
    private static ObjectNode oidcTrust(OidcTrust trust) {
        ObjectNode node = NODES.objectNode();
        node.put("issuer", trust.issuer());
        strings(node.putArray("audiences"), trust.audiences());
        ObjectNode claims = node.putObject("claims");
        trust.claims().forEach((claim, matcher) -> claims.set(claim, claimMatcher(matcher)));
        if (trust.force()) {
            node.put("force", true);
        }
        return node;
    }

    private static JsonNode claimMatcher(ClaimMatcher matcher) {
        if (matcher instanceof ClaimMatcher.Exact exact) {
            return NODES.textNode(exact.value());
        }
        ObjectNode node = NODES.objectNode();
        if (matcher instanceof ClaimMatcher.Glob glob) {
            node.put(ClaimMatcherParser.GLOB, glob.glob());
        } else if (matcher instanceof ClaimMatcher.Regex regex) {
            node.put(ClaimMatcherParser.REGEX, regex.regex());
        } else {
            strings(node.putArray(ClaimMatcherParser.ONE_OF), ((ClaimMatcher.OneOf) matcher).oneOf());
        }
        return node;
    }

    public static ObjectNode resource(ResourceDefinition resource) {
        ObjectNode node = NODES.objectNode();
        node.put("name", resource.name());
        if (resource.host() != null) {
            node.put("host", resource.host());
        }
        node.put("pathPrefix", resource.pathPrefix());
        node.put("upstream", resource.upstreamUrl());
        ObjectNode credential = node.putObject("credential");
        CredentialInjectionWriter.write(resource.injection(), credential);
        CredentialSource source = resource.credentialSource();
        if (source.kind() != CredentialSource.Kind.STATIC_STORE) {
            credential.set(CredentialSourceParser.SOURCE, credentialSource(source));
        }
        if (source.ttl() != null) {
            credential.put("ttl", duration(source.ttl()));
        }
        if (!resource.dataPlanePools().equals(List.of(ResourceDefinition.DEFAULT_DATA_PLANE_POOL))) {
            strings(credential.putArray("dataPlanes"), resource.dataPlanePools());
        }
        if (!resource.maskedFields().isEmpty() || !resource.maskingRules().isEmpty()) {
            ObjectNode masking = node.putObject("masking");
            if (!resource.maskedFields().isEmpty()) {
                strings(masking.putArray("fields"), resource.maskedFields());
            }
            if (!resource.maskingRules().isEmpty()) {
                ArrayNode rules = masking.putArray("rules");
                resource.maskingRules().forEach(rule -> rules.add(maskingRule(rule)));
            }
        }
        if (!resource.upstreamTimeout().equals(ResourceDefinition.DEFAULT_UPSTREAM_TIMEOUT)) {
            node.put("timeout", duration(resource.upstreamTimeout()));
        }
        if (!resource.recording().isDefault()) {
            node.set(RecordingParser.RECORDING, recording(resource.recording()));
        }
        if (resource.identityAssertion() != null) {
            ObjectNode assertion = node.putObject(IdentityAssertionParser.IDENTITY_ASSERTION);
            assertion.put("audience", resource.identityAssertion().audience());
            assertion.put("header", resource.identityAssertion().headerName());
        }
        return node;
    }

    private static ObjectNode recording(RecordingPolicy recording) {
        ObjectNode node = NODES.objectNode();
        node.put("level", recording.level().declaredName());
        if (!recording.headers().isEmpty()) {
            strings(node.putArray("headers"), recording.headers());
        }
        if (recording.bodyBytes() != RecordingPolicy.DEFAULT_BODY_BYTES) {
            node.put("bodyBytes", recording.bodyBytes());
        }
        if (recording.whenSpoolFull() != SpoolFullPolicy.REFUSE) {
            node.put("whenSpoolFull", recording.whenSpoolFull().declaredName());
        }
        return node;
    }

    private static ObjectNode credentialSource(CredentialSource source) {
        ObjectNode vault = NODES.objectNode();
        ObjectNode place = switch (source.kind()) {
            case VAULT_KV -> {
                ObjectNode kv = vault.putObject("kv");
                kv.put("mount", source.mount());
                kv.put("path", source.path());
                yield kv;
            }
            case VAULT_DATABASE -> {
                ObjectNode database = vault.putObject("database");
                database.put("mount", source.mount());
                database.put("role", source.path());
                yield database;
            }
            case VAULT_LEASE -> {
                ObjectNode lease = vault.putObject("lease");
                lease.put("path", source.path());
                yield lease;
            }
            case STATIC_STORE -> throw new IllegalArgumentException("the static store has no Vault place");
        };
        strings(place.putArray("keys"), source.keys());
        if (source.version() != null) {
            place.put("version", source.version());
        }
        ObjectNode wrapper = NODES.objectNode();
        wrapper.set("vault", vault);
        return wrapper;
    }

    private static ObjectNode maskingRule(MaskingRuleDefinition rule) {
        ObjectNode node = NODES.objectNode();
        if (rule.name() != null) {
            node.put("name", rule.name());
        }
        node.put(rule.match().declaredName(), rule.pattern());
        if (rule.caseSensitive()) {
            node.put("caseSensitive", true);
        }
        node.put("action", rule.action().declaredName());
        if (rule.replacement() != null) {
            node.put("replacement", rule.replacement());
        }
        if (rule.action() == MaskingRuleDefinition.Action.PARTIAL) {
            node.put("keepLast", rule.keepLast());
        }
        return node;
    }

    public static ObjectNode grant(GrantDefinition grant) {
        ObjectNode node = NODES.objectNode();
        node.put("identity", grant.identity());
        node.put("resource", grant.resource());
        strings(node.putArray("methods"), grant.methods());
        strings(node.putArray("paths"), grant.pathPatterns());
        grant.expiry().ifPresent(expires -> node.put("expires", instant(expires)));
        grant.approvalRequirement().ifPresent(approval -> node.set("approval", approval(approval)));
        return node;
    }

    private static ObjectNode approval(ApprovalRequirement approval) {
        ObjectNode node = NODES.objectNode();
        node.put("required", true);
        if (approval.approverGroup() != null) {
            node.put("approverGroup", approval.approverGroup());
        }
        node.put("quorum", approval.quorum());
        approval.hold().ifPresent(hold -> node.put("holdTime", duration(hold)));
        approval.validityWindow().ifPresent(validity -> node.put("validity", duration(validity)));
        if (approval.ownerTeamMayApprove()) {
            node.put("ownerTeamMayApprove", true);
        }
        if (approval.breakGlass()) {
            node.put("breakGlass", true);
        }
        return node;
    }

    private static String instant(Instant instant) {
        return instant.toString();
    }

    /** The short form the parser reads ({@code 250ms}, {@code 10s}, {@code 2m}, {@code 1h}) where it is exact. */
    static String duration(Duration duration) {
        long millis = duration.toMillis();
        if (!Duration.ofMillis(millis).equals(duration)) {
            return duration.toString();
        }
        if (millis % 3_600_000 == 0) {
            return millis / 3_600_000 + "h";
        }
        if (millis % 60_000 == 0) {
            return millis / 60_000 + "m";
        }
        if (millis % 1_000 == 0) {
            return millis / 1_000 + "s";
        }
        return millis + "ms";
    }

    private static void strings(ArrayNode array, Collection<String> values) {
        values.forEach(array::add);
    }

    private static void addAll(ArrayNode array, List<ObjectNode> nodes) {
        nodes.forEach(array::add);
    }
}
