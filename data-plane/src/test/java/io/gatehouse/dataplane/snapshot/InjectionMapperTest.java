package io.gatehouse.dataplane.snapshot;

import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.OAuth2Settings;
import io.gatehouse.proto.config.v1.InjectionStyle;
import io.gatehouse.proto.config.v1.OAuth2ClientAuth;
import io.gatehouse.proto.config.v1.OAuth2ClientCredentials;
import io.gatehouse.proto.config.v1.Resource;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InjectionMapperTest {

    @Test
    void mapsTheQueryAndOAuth2Styles() {
        assertEquals(CredentialInjection.query("api_key"), InjectionMapper.injection(resource(
                io.gatehouse.proto.config.v1.CredentialInjection.newBuilder().setStyle(InjectionStyle.INJECTION_STYLE_QUERY)
                        .setParameterName("api_key"))));
        assertEquals(CredentialInjection.oauth2(new OAuth2Settings(URI.create("https://auth.example/token"), List.of("a", "b"), "api",
                        OAuth2Settings.ClientAuth.CLIENT_SECRET_POST)),
                InjectionMapper.injection(resource(oauth2(OAuth2ClientCredentials.newBuilder().setTokenUrl("https://auth.example/token")
                        .addScopes("a").addScopes("b").setAudience("api").setClientAuth(OAuth2ClientAuth.OAUTH2_CLIENT_AUTH_CLIENT_SECRET_POST)))));
        assertEquals(OAuth2Settings.ClientAuth.CLIENT_SECRET_BASIC, InjectionMapper.injection(resource(oauth2(
                OAuth2ClientCredentials.newBuilder().setTokenUrl("http://127.0.0.1:1/t")))).oauth2().clientAuth());
    }

    @Test
    void anIncompleteInjectionMakesTheSnapshotInvalid() {
        assertInvalid(io.gatehouse.proto.config.v1.CredentialInjection.newBuilder().setStyle(InjectionStyle.INJECTION_STYLE_QUERY),
                "injects a query parameter but names none");
        assertInvalid(io.gatehouse.proto.config.v1.CredentialInjection.newBuilder().setStyle(InjectionStyle.INJECTION_STYLE_QUERY)
                .setParameterName("a b"), "injects a query parameter but names none, or an invalid one");
        assertInvalid(io.gatehouse.proto.config.v1.CredentialInjection.newBuilder()
                .setStyle(InjectionStyle.INJECTION_STYLE_OAUTH2_CLIENT_CREDENTIALS), "names no token endpoint");
        assertInvalid(oauth2(OAuth2ClientCredentials.newBuilder().setTokenUrl("ftp://auth.example/token")), "needs an http(s) OAuth2 token URL");
        assertInvalid(oauth2(OAuth2ClientCredentials.newBuilder().setTokenUrl("https://auth.example/token").setClientAuthValue(9)),
                "client authentication method");
    }

    private static void assertInvalid(io.gatehouse.proto.config.v1.CredentialInjection.Builder injection, String expected) {
        InvalidSnapshotException invalid = assertThrows(InvalidSnapshotException.class, () -> InjectionMapper.injection(resource(injection)));
        assertTrue(invalid.getMessage().startsWith("resource 'api' ") && invalid.getMessage().contains(expected), invalid.getMessage());
    }

    private static io.gatehouse.proto.config.v1.CredentialInjection.Builder oauth2(OAuth2ClientCredentials.Builder settings) {
        return io.gatehouse.proto.config.v1.CredentialInjection.newBuilder()
                .setStyle(InjectionStyle.INJECTION_STYLE_OAUTH2_CLIENT_CREDENTIALS).setOauth2(settings);
    }

    private static Resource resource(io.gatehouse.proto.config.v1.CredentialInjection.Builder injection) {
        return Resource.newBuilder().setName("api").setInjection(injection).build();
    }
}
