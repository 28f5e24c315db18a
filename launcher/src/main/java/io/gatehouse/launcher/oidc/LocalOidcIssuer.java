package io.gatehouse.launcher.oidc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.launcher.process.ManagedProcess;
import io.gatehouse.launcher.process.ProcessSpec;
import io.gatehouse.launcher.process.StartupException;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The local OIDC issuer (no.nav.security:mock-oauth2-server) run as its own process, with two
 * issuers:
 * <ul>
 *   <li>{@value #CI} — workload tokens: client {@value #DEPLOY_BOT} gets audience {@code gatehouse}
 *   and the GitHub-Actions-like claims of acme/deploy on main; every other client (e.g.
 *   {@value #WRONG_AUDIENCE}) gets audience {@code other};</li>
 *   <li>{@value #ADMIN} — human tokens for the admin APIs: any client id becomes sub and
 *   preferred_username, audience {@code gatehouse-admin}, groups [payments-approvers] plus the
 *   control plane's role groups for the people of {@link #ADMIN_USERS}, {@link #AUDITOR_USERS},
 *   {@link #REVIEWER_USERS} and {@link #TEAM_OWNERS}; anyone else has no control-plane role.</li>
 * </ul>
 * People sign in to the web console through the issuer's login form (interactive login, authorization code flow):
 * the user name typed there picks the same groups as the client id of a client-credentials token does, so
 * {@code alice} signs in as an admin and approver. Client-credentials tokens are minted as before.
 */
public final class LocalOidcIssuer implements AutoCloseable {

    public static final String CI = "ci";
    public static final String ADMIN = "admin";
    public static final String DEPLOY_BOT = "deploy-bot";
    public static final String WRONG_AUDIENCE = "wrong-audience";
    public static final String WORKLOAD_AUDIENCE = "gatehouse";
    public static final String ADMIN_AUDIENCE = "gatehouse-admin";
    /** The web console's OIDC client (the control plane's quarkus.oidc.console.client-id). */
    public static final String CONSOLE_CLIENT_ID = "gatehouse-console";
    public static final String APPROVER_GROUP = "payments-approvers";
    public static final String DEPLOY_BOT_SUBJECT = "repo:acme/deploy:ref:refs/heads/main";
    /** People whose tokens carry the control plane's admin group. */
    public static final List<String> ADMIN_USERS = List.of("demo-admin", "it-admin", "alice");
    public static final List<String> AUDITOR_USERS = List.of("auditor", "it-auditor");
    public static final List<String> REVIEWER_USERS = List.of("reviewer-rita");
    /** People who own team {@code payments} (and no other role). */
    public static final List<String> TEAM_OWNERS = List.of("owner-olga");
    public static final String MAIN_CLASS = "no.nav.security.mock.oauth2.StandaloneMockOAuth2ServerKt";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String CLIENT_ID_PARAM = "client_id";
    /** What the issuer matches the user name typed in its login form as. */
    private static final String SUBJECT_PARAM = "subject";

    private final int port;
    private final ManagedProcess process;
    private final HttpClient http = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(2))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private LocalOidcIssuer(int port, ManagedProcess process) {
        this.port = port;
        this.process = process;
    }

    /**
     * Prepares the issuer process (not started yet).
     *
     * @param classpathDirectory launcher/oidc-issuer/target/lib
     */
    public static LocalOidcIssuer create(Path javaExecutable, Path classpathDirectory, int port, Path logFile,
                                         Duration startTimeout) {
        if (!Files.isDirectory(classpathDirectory)) {
            throw new StartupException("the OIDC issuer's classpath " + classpathDirectory + " does not exist;"
                    + " build it first: ./mvnw -B -q -f launcher/oidc-issuer/pom.xml package");
        }
        ProcessSpec spec = ProcessSpec.builder("oidc-issuer")
                .command(List.of(javaExecutable.toString(), "-Xmx128m", "-XX:TieredStopAtLevel=1",
                        "-cp", classpathDirectory.toAbsolutePath() + "/*", MAIN_CLASS))
                .env("SERVER_HOSTNAME", "127.0.0.1")
                .env("SERVER_PORT", port)
                .env("JSON_CONFIG", jsonConfig())
                .env("LOG_LEVEL", "INFO")
                .logFile(logFile)
                .readinessUrl(URI.create("http://127.0.0.1:" + port + "/" + ADMIN + "/.well-known/openid-configuration"))
                .startTimeout(startTimeout)
                .build();
        return new LocalOidcIssuer(port, new ManagedProcess(spec));
    }

    /** The mock-oauth2-server configuration: the two issuers and their token callbacks. */
    public static String jsonConfig() {
        ObjectNode root = JSON.createObjectNode();
        // the login form of the authorization code flow; the token endpoint (client credentials) is unaffected
        root.put("interactiveLogin", true);
        ArrayNode callbacks = root.putArray("tokenCallbacks");

        ObjectNode ci = callbacks.addObject();
        ci.put("issuerId", CI);
        ci.put("tokenExpiry", 600);
        ArrayNode ciMappings = ci.putArray("requestMappings");
        ObjectNode deployBot = mapping(ciMappings, DEPLOY_BOT);
        deployBot.put("sub", DEPLOY_BOT_SUBJECT);
        deployBot.putArray("aud").add(WORKLOAD_AUDIENCE);
        deployBot.put("repository", "acme/deploy");
        deployBot.put("ref", "refs/heads/main");
        ObjectNode wrongAudience = mapping(ciMappings, WRONG_AUDIENCE);
        wrongAudience.put("sub", "${clientId}");
        wrongAudience.putArray("aud").add("other");
        wrongAudience.put("repository", "acme/deploy");
        wrongAudience.put("ref", "refs/heads/main");
        ObjectNode anyoneElse = mapping(ciMappings, "*");
        anyoneElse.put("sub", "${clientId}");
        anyoneElse.putArray("aud").add("other");

        ObjectNode admin = callbacks.addObject();
        admin.put("issuerId", ADMIN);
        admin.put("tokenExpiry", 3600);
        ArrayNode humans = admin.putArray("requestMappings");
        // people signing in through the login form: the issuer matches their user name as "subject"; only
        // the authorization code flow has one, so these come first without touching client-credentials tokens
        people(humans, SUBJECT_PARAM);
        people(humans, CLIENT_ID_PARAM);
        human(humans, CLIENT_ID_PARAM, "*", "${clientId}", APPROVER_GROUP);
        return root.toString();
    }

    private static void people(ArrayNode mappings, String matchedParam) {
        ADMIN_USERS.forEach(user -> human(mappings, matchedParam, user, user, APPROVER_GROUP, "gatehouse-admins"));
        AUDITOR_USERS.forEach(user -> human(mappings, matchedParam, user, user, APPROVER_GROUP, "gatehouse-auditors"));
        REVIEWER_USERS.forEach(user -> human(mappings, matchedParam, user, user, APPROVER_GROUP, "gatehouse-reviewers"));
        TEAM_OWNERS.forEach(user -> human(mappings, matchedParam, user, user, "gatehouse-team-payments"));
    }

    /** The first mapping whose parameter matches wins, so "*" comes last. */
    private static void human(ArrayNode mappings, String matchedParam, String match, String name, String... groups) {
        ObjectNode human = mapping(mappings, matchedParam, match);
        human.put("sub", name);
        human.put("preferred_username", name);
        ArrayNode audiences = human.putArray("aud").add(ADMIN_AUDIENCE);
        if (matchedParam.equals(SUBJECT_PARAM)) {
            // the issuer gives the ID token these claims too, and the console's sign-in wants itself in its audience
            audiences.add(CONSOLE_CLIENT_ID);
        }
        ArrayNode groupList = human.putArray("groups");
        for (String group : groups) {
            groupList.add(group);
        }
    }

    private static ObjectNode mapping(ArrayNode mappings, String clientId) {
        return mapping(mappings, CLIENT_ID_PARAM, clientId);
    }

    private static ObjectNode mapping(ArrayNode mappings, String param, String match) {
        ObjectNode mapping = mappings.addObject();
        mapping.put("requestParam", param);
        mapping.put("match", match);
        return mapping.putObject("claims");
    }

    public void start() {
        process.start();
    }

    public void awaitReady() {
        process.awaitReady();
    }

    public ManagedProcess process() {
        return process;
    }

    public int port() {
        return port;
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + port;
    }

    /** The issuer URL (the {@code iss} of its tokens), e.g. http://127.0.0.1:8090/ci. */
    public String issuerUrl(String issuerId) {
        return baseUrl() + "/" + issuerId;
    }

    /** A workload token from the {@value #CI} issuer. */
    public String workloadToken(String clientId) {
        return mintToken(CI, clientId);
    }

    /** A human admin/approver token from the {@value #ADMIN} issuer. */
    public String adminToken(String user) {
        return mintToken(ADMIN, user);
    }

    /** Mints an access token with the client-credentials grant. */
    public String mintToken(String issuerId, String clientId) {
        String form = Map.of(
                        "grant_type", "client_credentials",
                        "client_id", clientId,
                        "client_secret", "not-checked",
                        "scope", issuerId.equals(CI) ? WORKLOAD_AUDIENCE : ADMIN_AUDIENCE)
                .entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        HttpRequest request = HttpRequest.newBuilder(URI.create(issuerUrl(issuerId) + "/token"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("the OIDC issuer answered " + response.statusCode()
                        + " to a token request for " + clientId + ": " + response.body());
            }
            JsonNode token = JSON.readTree(response.body()).get("access_token");
            if (token == null) {
                throw new IllegalStateException("no access_token in the issuer's answer: " + response.body());
            }
            return token.asText();
        } catch (IOException e) {
            throw new IllegalStateException("could not get a token from " + issuerUrl(issuerId) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while minting a token", e);
        }
    }

    @Override
    public void close() {
        process.stop(Duration.ofSeconds(5));
    }
}
