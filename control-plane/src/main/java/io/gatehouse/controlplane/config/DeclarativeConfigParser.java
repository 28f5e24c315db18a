package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.controlplane.domain.ApprovalRequirement;
import io.gatehouse.controlplane.domain.CredentialInjection;
import io.gatehouse.controlplane.domain.CredentialSource;
import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityKind;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.MaskingRuleDefinition;
import io.gatehouse.controlplane.domain.OidcTrust;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.RateLimit;
import io.gatehouse.controlplane.domain.IdentityAssertion;
import io.gatehouse.controlplane.domain.RecordingPolicy;
import io.gatehouse.controlplane.domain.ResourceDefinition;
import io.gatehouse.controlplane.domain.TeamDefinition;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiFunction;
import java.util.regex.Pattern;

/**
 * Turns the YAML tree of a declarative config file into a {@link PolicyModel}, checking shape,
 * types, formats, uniqueness and references, and collecting every problem with its path.
 */
final class DeclarativeConfigParser {

    private static final Set<String> TOP_LEVEL_KEYS = keys("teams", "identities", "resources", "grants");
    private static final Set<String> TEAM_KEYS = keys("name", "contact", "ownerGroups", "approverGroup");
    private static final Set<String> IDENTITY_KEYS = keys("name", "kind", "owner", "purpose", "expires", "status", "trust",
            "rateLimit");
    private static final Set<String> RATE_LIMIT_KEYS = keys("requests", "per", "burst");
    private static final Set<String> OWNER_KEYS = keys("team", "contact");
    private static final Set<String> RESOURCE_KEYS = keys("name", "host", "pathPrefix", "upstream", "credential", "masking",
            "timeout", RecordingParser.RECORDING,
            IdentityAssertionParser.IDENTITY_ASSERTION);
    private static final Set<String> CREDENTIAL_KEYS = keys("injection", "header", "parameter", "oauth2", CredentialSourceParser.SOURCE, "ttl", "dataPlanes");
    private static final Set<String> MASKING_KEYS = keys("fields", "rules");
    private static final Set<String> GRANT_KEYS = keys("identity", "resource", "methods", "paths", "expires", "approval");
    private static final Set<String> APPROVAL_KEYS = keys("required", "approverGroup", "quorum", "holdTime", "validity",
            "ownerTeamMayApprove", "breakGlass");

    private static final Set<String> HTTP_METHODS = keys("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS");
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Pattern PATH_PREFIX = Pattern.compile("(/[A-Za-z0-9._~-]+)+");
    private static final Pattern PATH_PATTERN = Pattern.compile("/[A-Za-z0-9._~!$&'()*+,;=:@%/-]*");
    private static final Pattern HOST = Pattern.compile("[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)(ms|s|m|h)");

    private final ConfigProblems problems = new ConfigProblems();
    private final Map<String, TeamDefinition> declaredTeams = new TreeMap<>();
    private final Map<String, String> teamOfIdentity = new HashMap<>();
    /** Identities may not be declared to live past this; null: no limit. */
    private final Instant latestExpiry;
    private final CredentialSourceParser credentialSources = new CredentialSourceParser(problems);
    private final TrustBindingParser trustBindings = new TrustBindingParser(problems);

    /** @throws InvalidDeclarativeConfigException listing every problem of the document */
    static PolicyModel parse(JsonNode document, String source) {
        return parse(document, source, null);
    }

    /** @param latestExpiry the latest expiry an identity may have (now plus the maximum lifetime), or null */
    static PolicyModel parse(JsonNode document, String source, Instant latestExpiry) {
        DeclarativeConfigParser parser = new DeclarativeConfigParser(latestExpiry);
        PolicyModel model = parser.parseDocument(document);
        if (!parser.problems.isEmpty()) {
            throw new InvalidDeclarativeConfigException(source, parser.problems.asList());
        }
        return model;
    }

    private DeclarativeConfigParser(Instant latestExpiry) {
        this.latestExpiry = latestExpiry;
    }

    private PolicyModel parseDocument(JsonNode document) {
        if (document == null || document.isMissingNode() || document.isNull()) {
            return PolicyModel.EMPTY;
        }
        Optional<MappingReader> root = MappingReader.of(document, "", problems, TOP_LEVEL_KEYS);
        if (root.isEmpty()) {
            return PolicyModel.EMPTY;
        }
        Map<String, Integer> teamNames = new HashMap<>();
        List<TeamDefinition> teams = parseList(root.get(), "teams", (node, path) -> parseTeam(node, path, teamNames));
        teams.forEach(team -> declaredTeams.put(team.name(), team));
        Map<String, Integer> identityNames = new HashMap<>();
        Map<String, Integer> resourceNames = new HashMap<>();
        List<IdentityDefinition> identities = parseList(root.get(), "identities",
                (node, path) -> parseIdentity(node, path, identityNames));
        identities.forEach(identity -> teamOfIdentity.put(identity.name(), identity.ownerTeam()));
        trustBindings.reportOverlaps();
        List<ResourceDefinition> resources = parseResources(root.get(), resourceNames);
        Map<String, String> grantPathsById = new HashMap<>();
        List<GrantDefinition> grants = parseList(root.get(), "grants",
                (node, path) -> parseGrant(node, path, identityNames.keySet(), resourceNames.keySet())
                        .filter(grant -> isFirstOfItsOperations(grant, path, grantPathsById)));
        return new PolicyModel(identities, resources, grants, teams);
    }

    /** {@code teams: [{name, contact, ownerGroups: [...], approverGroup}]}; only the name is required. */
    private Optional<TeamDefinition> parseTeam(JsonNode node, String path, Map<String, Integer> seenNames) {
        Optional<MappingReader> maybeTeam = MappingReader.of(node, path, problems, TEAM_KEYS);
        if (maybeTeam.isEmpty()) {
            return Optional.empty();
        }
        MappingReader team = maybeTeam.get();
        Optional<String> name = uniqueName(team, path, seenNames, "team");
        boolean contactValid = !team.has("contact") || team.optionalText("contact").isPresent();
        Optional<List<String>> ownerGroups = team.textList("ownerGroups", false, false);
        boolean approverValid = !team.has("approverGroup") || team.optionalText("approverGroup").isPresent();
        if (name.isEmpty() || !contactValid || ownerGroups.isEmpty() || !approverValid) {
            return Optional.empty();
        }
        return Optional.of(new TeamDefinition(name.get(), team.optionalText("contact").orElse(null), ownerGroups.get(),
                team.optionalText("approverGroup").orElse(null)));
    }

    /** Once teams are declared, every identity belongs to one of them. */
    private Optional<String> declaredTeam(MappingReader owner, String team) {
        if (declaredTeams.isEmpty() || declaredTeams.containsKey(team)) {
            return Optional.of(team);
        }
        owner.problem("team", "unknown team '" + team + "'; declared teams: " + String.join(", ", declaredTeams.keySet())
                + " (add it under 'teams')");
        return Optional.empty();
    }

    /** A grant that needs approval and names no group takes its identity's team's approverGroup, which must exist. */
    private boolean hasApproverGroup(MappingReader grant, GrantDefinition parsed) {
        if (parsed.approval() == null || parsed.approval().approverGroup() != null) {
            return true;
        }
        String team = teamOfIdentity.get(parsed.identity());
        TeamDefinition declared = declaredTeams.get(team);
        if (declared != null && declared.approverGroup() != null) {
            return true;
        }
        grant.problem("approval", "names no approverGroup, and team '" + team + "' of identity '" + parsed.identity()
                + "' " + (declared == null ? "is not declared under 'teams'" : "declares no approverGroup")
                + "; set approval.approverGroup, or the team's approverGroup");
        return false;
    }

    private <T> List<T> parseList(MappingReader root, String key, BiFunction<JsonNode, String, Optional<T>> itemParser) {
        Optional<JsonNode> list = root.value(key);
        if (list.isEmpty()) {
            return List.of();
        }
        if (!list.get().isArray()) {
            root.problem(key, "must be a list");
            return List.of();
        }
        List<T> items = new ArrayList<>();
        for (int index = 0; index < list.get().size(); index++) {
            itemParser.apply(list.get().get(index), key + "[" + index + "]").ifPresent(items::add);
        }
        return items;
    }

    private Optional<IdentityDefinition> parseIdentity(JsonNode node, String path, Map<String, Integer> seenNames) {
        Optional<MappingReader> maybeIdentity = MappingReader.of(node, path, problems, IDENTITY_KEYS);
        if (maybeIdentity.isEmpty()) {
            return Optional.empty();
        }
        MappingReader identity = maybeIdentity.get();
        Optional<String> name = uniqueName(identity, path, seenNames, "identity");
        Optional<IdentityKind> kind = identity.requiredText("kind").flatMap(text -> enumValue(identity, "kind", text,
                IdentityKind.fromDeclaredName(text), Arrays.stream(IdentityKind.values()).map(IdentityKind::declaredName).toList()));
        Optional<MappingReader> owner = identity.requiredMapping("owner", OWNER_KEYS);
        Optional<String> team = owner.flatMap(reader -> reader.requiredText("team").flatMap(text -> declaredTeam(reader, text)));
        Optional<String> contact = owner.flatMap(reader -> reader.requiredText("contact"));
        Optional<String> purpose = identity.requiredText("purpose");
        Optional<Instant> expires = identity.requiredInstant("expires").filter(instant -> withinMaximumLifetime(identity, instant));
        Optional<IdentityStatus> status = identity.optionalText("status")
                .map(text -> enumValue(identity, "status", text, IdentityStatus.fromDeclaredName(text),
                        List.of("active", "suspended", "revoked")))
                .orElse(Optional.of(IdentityStatus.ACTIVE));
        Optional<List<OidcTrust>> trusts = trustBindings.parse(identity);
        Optional<Optional<RateLimit>> rateLimit = identity.has("rateLimit")
                ? identity.requiredMapping("rateLimit", RATE_LIMIT_KEYS).flatMap(this::parseRateLimit).map(Optional::of)
                : Optional.of(Optional.empty());
        if (name.isEmpty() || kind.isEmpty() || team.isEmpty() || contact.isEmpty() || purpose.isEmpty()
                || expires.isEmpty() || status.isEmpty() || trusts.isEmpty() || rateLimit.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IdentityDefinition(name.get(), kind.get(), team.get(), contact.get(), purpose.get(),
                expires.get(), status.get(), trusts.get(), rateLimit.get().orElse(null)));
    }

    /** {@code rateLimit: {requests: 600, per: 1m, burst: 100}}; burst defaults to requests. */
    private Optional<RateLimit> parseRateLimit(MappingReader limit) {
        Optional<Integer> requests = limit.has("requests") ? limit.optionalInt("requests").flatMap(value -> positive(limit, "requests", value))
                : missing(limit, "requests", "how many calls per period, e.g. 600");
        Optional<Duration> per = limit.has("per") ? limit.requiredText("per").flatMap(text -> duration(limit, "per", text))
                : missing(limit, "per", "the period, e.g. 1s or 1m");
        Optional<Integer> burst = limit.has("burst") ? limit.optionalInt("burst").flatMap(value -> positive(limit, "burst", value))
                : requests;
        if (requests.isEmpty() || per.isEmpty() || burst.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RateLimit(requests.get(), per.get(), burst.get()));
    }

    private static Optional<Integer> positive(MappingReader reader, String key, int value) {
        if (value < 1) {
            reader.problem(key, "must be at least 1, was " + value);
            return Optional.empty();
        }
        return Optional.of(value);
    }

    private static <T> Optional<T> missing(MappingReader reader, String key, String what) {
        reader.problem(key, "required: " + what);
        return Optional.empty();
    }

    private List<ResourceDefinition> parseResources(MappingReader root, Map<String, Integer> seenNames) {
        Map<String, String> seenPrefixes = new HashMap<>();
        return parseList(root, "resources", (node, path) -> parseResource(node, path, seenNames, seenPrefixes));
    }

    private Optional<ResourceDefinition> parseResource(JsonNode node, String path, Map<String, Integer> seenNames,
                                                       Map<String, String> seenPrefixes) {
        Optional<MappingReader> maybeResource = MappingReader.of(node, path, problems, RESOURCE_KEYS);
        if (maybeResource.isEmpty()) {
            return Optional.empty();
        }
        MappingReader resource = maybeResource.get();
        Optional<String> name = uniqueName(resource, path, seenNames, "resource");
        Optional<Optional<String>> host = resource.has("host")
                ? resource.requiredText("host").flatMap(text -> hostName(resource, text)).map(Optional::of)
                : Optional.of(Optional.empty());
        Optional<String> pathPrefix = resource.requiredText("pathPrefix").flatMap(prefix -> {
            boolean wholeHost = prefix.equals("/") && host.map(Optional::isPresent).orElse(false);
            if (!wholeHost && (!PATH_PREFIX.matcher(prefix).matches() || prefix.contains("/./") || prefix.contains("/../")
                    || prefix.endsWith("/.") || prefix.endsWith("/.."))) {
                resource.problem("pathPrefix", "must be an absolute path of plain segments without trailing '/', e.g. /payments"
                        + " ('/' only together with a host), was '" + prefix + "'");
                return Optional.empty();
            }
            String route = host.flatMap(h -> h).map(h -> h + " ").orElse("") + prefix;
            String firstUser = seenPrefixes.putIfAbsent(route, path);
            if (firstUser != null) {
                resource.problem("pathPrefix", "duplicate route '" + route + "' (also used by " + firstUser + ")");
                return Optional.empty();
            }
            return Optional.of(prefix);
        });
        Optional<String> upstream = resource.requiredText("upstream").flatMap(text -> httpUrl(resource, "upstream", text, false));
        Optional<MappingReader> credential = resource.requiredMapping("credential", CREDENTIAL_KEYS);
        Optional<CredentialInjection> injection = credential.flatMap(CredentialInjectionParser::parse);
        Optional<CredentialSource> credentialSource = credential.flatMap(this::parseCredentialSource);
        Optional<List<String>> dataPlanePools = credential.flatMap(this::parseDataPlanePools);
        Optional<MappingReader> masking = resource.value("masking").isEmpty()
                ? Optional.empty()
                : resource.requiredMapping("masking", MASKING_KEYS);
        Optional<List<String>> maskedFields = resource.value("masking").isEmpty()
                ? Optional.of(List.of())
                : masking.flatMap(reader -> reader.textList("fields", false, false));
        Optional<List<MaskingRuleDefinition>> maskingRules = masking.isEmpty()
                ? Optional.of(List.of())
                : new MaskingRulesParser(problems).parse(masking.get());
        Optional<Duration> timeout = resource.optionalText("timeout")
                .map(text -> duration(resource, "timeout", text))
                .orElse(Optional.of(ResourceDefinition.DEFAULT_UPSTREAM_TIMEOUT));
        Optional<RecordingPolicy> recording = RecordingParser.parse(resource, injection);
        Optional<Optional<IdentityAssertion>> identityAssertion = IdentityAssertionParser.parse(resource, upstream, injection);
        if (name.isEmpty() || pathPrefix.isEmpty() || upstream.isEmpty() || injection.isEmpty()
                || maskedFields.isEmpty() || maskingRules.isEmpty() || timeout.isEmpty() || credentialSource.isEmpty()
                || dataPlanePools.isEmpty() || host.isEmpty() || recording.isEmpty() || identityAssertion.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new ResourceDefinition(name.get(), pathPrefix.get(), upstream.get(), injection.get(),
                maskedFields.get(), maskingRules.get(), timeout.get(), credentialSource.get(), dataPlanePools.get(),
                host.get().orElse(null), recording.get(), identityAssertion.get().orElse(null)));
    }

    /** A DNS name as callers send it in Host (without port), compared in lower case. */
    private static Optional<String> hostName(MappingReader resource, String text) {
        String host = text.toLowerCase(Locale.ROOT);
        if (!HOST.matcher(host).matches()) {
            resource.problem("host", "must be a host name like api.acme.example (no scheme, port or path), was '" + text + "'");
            return Optional.empty();
        }
        return Optional.of(host);
    }

    private Optional<CredentialSource> parseCredentialSource(MappingReader credential) {
        Optional<Duration> ttl = credential.optionalText("ttl").flatMap(text -> duration(credential, "ttl", text));
        Optional<CredentialSource> source = credentialSources.parse(credential, ttl.orElse(null));
        boolean ttlValid = !credential.has("ttl") || ttl.isPresent();
        return ttlValid ? source : Optional.empty();
    }

    /** The pools whose data planes may receive the credential; the default pool when none are named. */
    private Optional<List<String>> parseDataPlanePools(MappingReader credential) {
        return credential.textList("dataPlanes", false, true).flatMap(pools -> {
            List<String> invalid = pools.stream().filter(pool -> !NAME.matcher(pool).matches()).toList();
            if (!invalid.isEmpty()) {
                credential.problem("dataPlanes", "invalid pool name(s) " + invalid);
                return Optional.empty();
            }
            return Optional.of(pools);
        });
    }

    private Optional<GrantDefinition> parseGrant(JsonNode node, String path, Set<String> identityNames,
                                                 Set<String> resourceNames) {
        Optional<MappingReader> maybeGrant = MappingReader.of(node, path, problems, GRANT_KEYS);
        if (maybeGrant.isEmpty()) {
            return Optional.empty();
        }
        MappingReader grant = maybeGrant.get();
        Optional<String> identity = grant.requiredText("identity")
                .flatMap(name -> knownReference(grant, "identity", name, identityNames));
        Optional<String> resource = grant.requiredText("resource")
                .flatMap(name -> knownReference(grant, "resource", name, resourceNames));
        Optional<List<String>> methods = grant.textList("methods", true, true).flatMap(list -> httpMethods(grant, list));
        Optional<List<String>> paths = grant.textList("paths", true, true).flatMap(list -> pathPatterns(grant, list));
        Optional<Optional<Instant>> expires = grant.has("expires")
                ? grant.optionalInstant("expires").map(Optional::of)
                : Optional.of(Optional.empty());
        Optional<Optional<ApprovalRequirement>> approval = grant.has("approval")
                ? grant.requiredMapping("approval", APPROVAL_KEYS).flatMap(this::parseApproval)
                : Optional.of(Optional.empty());
        if (identity.isEmpty() || resource.isEmpty() || methods.isEmpty() || paths.isEmpty() || expires.isEmpty()
                || approval.isEmpty()) {
            return Optional.empty();
        }
        GrantDefinition parsed = new GrantDefinition(identity.get(), resource.get(), methods.get(), paths.get(),
                expires.get().orElse(null), approval.get().orElse(null));
        return hasApproverGroup(grant, parsed) ? Optional.of(parsed) : Optional.empty();
    }

    /** Two grants of the same operations would disagree about expiry and approval, and share one id. */
    private boolean isFirstOfItsOperations(GrantDefinition grant, String path, Map<String, String> grantPathsById) {
        String first = grantPathsById.putIfAbsent(grant.id(), path);
        if (first != null) {
            problems.add(path, "grants the same methods and paths of resource '" + grant.resource() + "' to '"
                    + grant.identity() + "' as " + first + "; merge the two into one grant");
            return false;
        }
        return true;
    }

    /** Present-but-empty result: approval declared as not required. */
    private Optional<Optional<ApprovalRequirement>> parseApproval(MappingReader approval) {
        Optional<Boolean> required = approval.requiredBoolean("required");
        if (required.isEmpty()) {
            return Optional.empty();
        }
        if (!required.get()) {
            if (APPROVAL_KEYS.stream().anyMatch(key -> !key.equals("required") && approval.has(key))) {
                approval.problem("required", "is false, so no other approval setting may be set");
                return Optional.empty();
            }
            return Optional.of(Optional.empty());
        }
        boolean groupValid = !approval.has("approverGroup") || approval.optionalText("approverGroup").isPresent();
        Optional<Integer> quorum = approval.has("quorum") ? approval.optionalInt("quorum") : Optional.of(1);
        if (quorum.isPresent() && quorum.get() < 1) {
            approval.problem("quorum", "must be at least 1, was " + quorum.get());
            quorum = Optional.empty();
        }
        Optional<Optional<Duration>> hold = optionalDuration(approval, "holdTime");
        Optional<Optional<Duration>> validity = optionalDuration(approval, "validity");
        Optional<Boolean> ownerTeamMayApprove = approval.has("ownerTeamMayApprove")
                ? approval.requiredBoolean("ownerTeamMayApprove") : Optional.of(false);
        Optional<Boolean> breakGlass = approval.has("breakGlass") ? approval.requiredBoolean("breakGlass") : Optional.of(false);
        if (!groupValid || quorum.isEmpty() || hold.isEmpty() || validity.isEmpty() || ownerTeamMayApprove.isEmpty()
                || breakGlass.isEmpty()) {
            return Optional.empty();
        }
        if (hold.get().isPresent() && validity.get().isPresent() && hold.get().get().compareTo(validity.get().get()) > 0) {
            approval.problem("holdTime", "must not be longer than validity (" + validity.get().get() + ")");
            return Optional.empty();
        }
        return Optional.of(Optional.of(new ApprovalRequirement(approval.optionalText("approverGroup").orElse(null), quorum.get(), hold.get().orElse(null),
                validity.get().orElse(null), ownerTeamMayApprove.get(), breakGlass.get())));
    }

    private boolean withinMaximumLifetime(MappingReader identity, Instant expires) {
        if (latestExpiry != null && expires.isAfter(latestExpiry)) {
            identity.problem("expires", "is later than the maximum lifetime allows (" + latestExpiry.truncatedTo(
                    ChronoUnit.SECONDS) + "): identities must be renewed by their owners; set an earlier"
                    + " expiry, or raise gatehouse.control-plane.max-identity-lifetime");
            return false;
        }
        return true;
    }

    private Optional<String> uniqueName(MappingReader reader, String path, Map<String, Integer> seenNames, String what) {
        return reader.requiredText("name").flatMap(name -> {
            if (!NAME.matcher(name).matches()) {
                reader.problem("name", "must be 1-100 letters, digits, '.', '_' or '-' starting with a letter or digit, was '" + name + "'");
                return Optional.empty();
            }
            Integer first = seenNames.putIfAbsent(name, seenNames.size());
            if (first != null) {
                reader.problem("name", "duplicate " + what + " name '" + name + "'");
                return Optional.empty();
            }
            return Optional.of(name);
        });
    }

    private Optional<String> knownReference(MappingReader reader, String key, String name, Set<String> known) {
        if (!known.contains(name)) {
            reader.problem(key, "unknown " + key + " '" + name + "'");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private Optional<List<String>> httpMethods(MappingReader grant, List<String> declared) {
        List<String> methods = declared.stream().map(method -> method.toUpperCase(Locale.ROOT)).toList();
        List<String> unknown = methods.stream().filter(method -> !HTTP_METHODS.contains(method)).toList();
        if (!unknown.isEmpty()) {
            grant.problem("methods", "unknown HTTP method(s) " + unknown + " (allowed: " + String.join(", ", HTTP_METHODS) + ")");
            return Optional.empty();
        }
        return Optional.of(methods);
    }

    private Optional<List<String>> pathPatterns(MappingReader grant, List<String> declared) {
        List<String> invalid = declared.stream()
                .filter(pattern -> !PATH_PATTERN.matcher(pattern).matches() || Arrays.asList(pattern.split("/")).contains(".."))
                .toList();
        if (!invalid.isEmpty()) {
            grant.problem("paths", "invalid path pattern(s) " + invalid + " (must start with '/', no '..' segments; '*' matches one segment, '**' any depth)");
            return Optional.empty();
        }
        return Optional.of(declared);
    }

    static <E> Optional<E> enumValue(MappingReader reader, String key, String text, Optional<E> value, List<String> allowed) {
        if (value.isEmpty()) {
            reader.problem(key, "unknown value '" + text + "' (allowed: " + String.join(", ", allowed) + ")");
        }
        return value;
    }

    /** An absolute http(s) URL with a host and without user info, query or fragment. */
    static Optional<String> httpUrl(MappingReader reader, String key, String text, boolean allowPath) {
        try {
            URI uri = new URI(text);
            boolean http = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
            if (!http || uri.getHost() == null || uri.getRawUserInfo() != null || uri.getRawQuery() != null
                    || uri.getRawFragment() != null) {
                reader.problem(key, "must be an absolute http(s) URL with a host and without credentials, query or fragment, was '" + text + "'");
                return Optional.empty();
            }
            return Optional.of(allowPath ? text : stripTrailingSlash(text));
        } catch (URISyntaxException e) {
            reader.problem(key, "is not a valid URL: " + e.getReason() + ", was '" + text + "'");
            return Optional.empty();
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    /** Present-but-empty result: the key is absent. */
    private Optional<Optional<Duration>> optionalDuration(MappingReader reader, String key) {
        return reader.has(key)
                ? reader.requiredText(key).flatMap(text -> duration(reader, key, text)).map(Optional::of)
                : Optional.of(Optional.empty());
    }

    /** {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h} or ISO-8601 ({@code PT10S}); positive. */
    private Optional<Duration> duration(MappingReader reader, String key, String text) {
        Optional<Duration> parsed = parseDuration(text);
        if (parsed.isEmpty() || parsed.get().isNegative() || parsed.get().isZero()) {
            reader.problem(key, "must be a positive duration like 500ms, 10s, 2m, 1h or PT10S, was '" + text + "'");
            return Optional.empty();
        }
        return parsed;
    }

    private static Optional<Duration> parseDuration(String text) {
        var shortForm = SHORT_DURATION.matcher(text);
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return Optional.of(switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    default -> Duration.ofHours(amount);
                });
            }
            return Optional.of(Duration.parse(text));
        } catch (RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Set<String> keys(String... keys) {
        return Collections.unmodifiableSet(new LinkedHashSet<>(Arrays.asList(keys)));
    }
}
