package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.CredentialInjection;
import io.gatehouse.controlplane.domain.InjectionStyle;
import io.gatehouse.controlplane.domain.OAuth2ClientAuth;
import io.gatehouse.controlplane.domain.OAuth2ClientCredentials;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.grpc.SnapshotProtoMapper;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The query and OAuth2 client credentials injection styles: YAML in, YAML out, and in the snapshot. */
class InjectionStyleConfigTest {

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void readsTheQueryStyleWithItsParameter() {
        assertEquals(CredentialInjection.query("api_key"), injectionOf("{injection: query, parameter: api_key}"));
    }

    @Test
    void readsOAuth2ClientCredentialsWithDefaultsAndEverySetting() {
        assertEquals(CredentialInjection.oauth2ClientCredentials(new OAuth2ClientCredentials("https://auth.acme.example/token",
                        List.of(), null, OAuth2ClientAuth.CLIENT_SECRET_BASIC)),
                injectionOf("{injection: oauth2-client-credentials, oauth2: {tokenUrl: https://auth.acme.example/token}}"));
        assertEquals(CredentialInjection.oauth2ClientCredentials(new OAuth2ClientCredentials("http://127.0.0.1:9/oauth/token",
                        List.of("read", "write:all"), "https://api.acme.example", OAuth2ClientAuth.CLIENT_SECRET_POST)),
                injectionOf("""
                        {injection: oauth2-client-credentials, oauth2: {tokenUrl: "http://127.0.0.1:9/oauth/token",
                         scopes: [read, "write:all"], audience: "https://api.acme.example", clientAuth: client_secret_post}}"""));
    }

    @Test
    void eachStyleTakesOnlyItsOwnSettingsAndRefusesBadOnes() {
        assertContains(problemsWith("{injection: query}"), "resources[0].credential.parameter: required");
        assertContains(problemsWith("{injection: query, parameter: \"api key\"}"), "resources[0].credential.parameter: must be a query parameter name");
        assertContains(problemsWith("{injection: bearer, parameter: api_key}"), "resources[0].credential.parameter: only allowed with injection: query");
        assertContains(problemsWith("{injection: query, parameter: k, oauth2: {tokenUrl: https://a}}"),
                "resources[0].credential.oauth2: only allowed with injection: oauth2-client-credentials");
        assertContains(problemsWith("{injection: oauth2-client-credentials}"), "resources[0].credential.oauth2: required");
        assertContains(problemsWith("{injection: oauth2-client-credentials, oauth2: {tokenUrl: \"ftp://a/token\"}}"),
                "resources[0].credential.oauth2.tokenUrl: must be an absolute http(s) URL");
        assertContains(problemsWith("{injection: oauth2-client-credentials, oauth2: {tokenUrl: \"https://a/t\", scopes: [\"a b\"]}}"),
                "resources[0].credential.oauth2.scopes: invalid scope(s) [a b]");
        assertContains(problemsWith("{injection: oauth2-client-credentials, oauth2: {tokenUrl: \"https://a/t\", clientAuth: jwt}}"),
                "resources[0].credential.oauth2.clientAuth: unknown value 'jwt' (allowed: client_secret_basic, client_secret_post)");
        assertContains(problemsWith("{injection: oauth2-client-credentials, oauth2: {tokenUrl: \"https://a/t\", clientSecret: x}}"),
                "resources[0].credential.oauth2.clientSecret: unknown key");
        assertContains(problemsWith("{injection: oauth}"), "resources[0].credential.injection: unknown value 'oauth' (allowed: bearer,"
                + " header, basic, query, oauth2-client-credentials)");
    }

    @Test
    void bothStylesSurviveAnExportAndReachTheSnapshot() {
        PolicyModel query = loader.parse(document("{injection: query, parameter: api_key}"), "test.yaml");
        PolicyModel oauth2 = loader.parse(document("""
                {injection: oauth2-client-credentials, oauth2: {tokenUrl: "https://auth.acme.example/token", scopes: [read],
                 audience: api, clientAuth: client_secret_post}}"""), "test.yaml");
        for (PolicyModel model : List.of(query, oauth2)) {
            assertEquals(model, loader.parse(DeclarativeConfigWriter.toYaml(model), "exported.yaml"));
        }

        io.gatehouse.proto.config.v1.CredentialInjection queryMessage = snapshotInjection(query);
        assertEquals(io.gatehouse.proto.config.v1.InjectionStyle.INJECTION_STYLE_QUERY, queryMessage.getStyle());
        assertEquals("api_key", queryMessage.getParameterName());
        io.gatehouse.proto.config.v1.CredentialInjection oauth2Message = snapshotInjection(oauth2);
        assertEquals(io.gatehouse.proto.config.v1.InjectionStyle.INJECTION_STYLE_OAUTH2_CLIENT_CREDENTIALS, oauth2Message.getStyle());
        assertEquals("https://auth.acme.example/token", oauth2Message.getOauth2().getTokenUrl());
        assertEquals(List.of("read"), oauth2Message.getOauth2().getScopesList());
        assertEquals("api", oauth2Message.getOauth2().getAudience());
        assertEquals(io.gatehouse.proto.config.v1.OAuth2ClientAuth.OAUTH2_CLIENT_AUTH_CLIENT_SECRET_POST, oauth2Message.getOauth2().getClientAuth());
    }

    @Test
    void theDeclaredNameOfEveryStyleReadsBack() {
        for (InjectionStyle style : InjectionStyle.values()) {
            assertEquals(style, InjectionStyle.fromDeclaredName(style.declaredName()).orElseThrow());
        }
        assertEquals("oauth2-client-credentials", InjectionStyle.OAUTH2_CLIENT_CREDENTIALS.declaredName());
    }

    private io.gatehouse.proto.config.v1.CredentialInjection snapshotInjection(PolicyModel model) {
        ConfigSnapshot snapshot = new SnapshotProtoMapper().toProto(new PolicySnapshot("v1", 1, Instant.now(), model), "n");
        return snapshot.getResources(0).getInjection();
    }

    private CredentialInjection injectionOf(String credential) {
        return loader.parse(document(credential), "test.yaml").resources().get(0).injection();
    }

    private List<String> problemsWith(String credential) {
        return assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse(document(credential), "test.yaml"))
                .problems();
    }

    private static String document(String credential) {
        return TestConfigs.EXAMPLE.replace("credential: {injection: bearer}", "credential: " + credential.replace("\n", " "));
    }

    private static void assertContains(List<String> problems, String expectedStart) {
        assertTrue(problems.stream().anyMatch(problem -> problem.startsWith(expectedStart)),
                "expected a problem starting with '" + expectedStart + "' in " + problems);
    }
}
