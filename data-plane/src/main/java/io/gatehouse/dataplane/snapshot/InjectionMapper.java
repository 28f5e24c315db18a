package io.gatehouse.dataplane.snapshot;

import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.OAuth2Settings;
import io.gatehouse.proto.config.v1.Resource;

import java.net.URI;
import java.util.regex.Pattern;

/** A resource's credential injection from the snapshot; anything incomplete makes the snapshot invalid. */
final class InjectionMapper {

    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9._~-]+");

    private InjectionMapper() {
    }

    static CredentialInjection injection(Resource resource) {
        io.gatehouse.proto.config.v1.CredentialInjection injection = resource.getInjection();
        return switch (injection.getStyle()) {
            case INJECTION_STYLE_BEARER -> CredentialInjection.of(InjectionStyle.BEARER);
            case INJECTION_STYLE_BASIC -> CredentialInjection.of(InjectionStyle.BASIC);
            case INJECTION_STYLE_HEADER -> {
                if (injection.getHeaderName().isBlank()) {
                    throw invalid(resource, "injects a header but names none");
                }
                yield CredentialInjection.header(injection.getHeaderName());
            }
            case INJECTION_STYLE_QUERY -> {
                if (!PARAMETER_NAME.matcher(injection.getParameterName()).matches()) {
                    throw invalid(resource, "injects a query parameter but names none, or an invalid one");
                }
                yield CredentialInjection.query(injection.getParameterName());
            }
            case INJECTION_STYLE_OAUTH2_CLIENT_CREDENTIALS -> CredentialInjection.oauth2(oauth2(resource, injection));
            default -> throw invalid(resource, "has no credential injection style");
        };
    }

    private static OAuth2Settings oauth2(Resource resource, io.gatehouse.proto.config.v1.CredentialInjection injection) {
        if (!injection.hasOauth2()) {
            throw invalid(resource, "injects OAuth2 client credentials but names no token endpoint");
        }
        io.gatehouse.proto.config.v1.OAuth2ClientCredentials settings = injection.getOauth2();
        URI tokenUrl;
        try {
            tokenUrl = URI.create(settings.getTokenUrl());
        } catch (IllegalArgumentException e) {
            throw invalid(resource, "has an invalid OAuth2 token URL");
        }
        if (tokenUrl.getHost() == null || !("http".equals(tokenUrl.getScheme()) || "https".equals(tokenUrl.getScheme()))) {
            throw invalid(resource, "needs an http(s) OAuth2 token URL with a host");
        }
        OAuth2Settings.ClientAuth clientAuth = switch (settings.getClientAuth()) {
            case OAUTH2_CLIENT_AUTH_CLIENT_SECRET_BASIC, OAUTH2_CLIENT_AUTH_UNSPECIFIED -> OAuth2Settings.ClientAuth.CLIENT_SECRET_BASIC;
            case OAUTH2_CLIENT_AUTH_CLIENT_SECRET_POST -> OAuth2Settings.ClientAuth.CLIENT_SECRET_POST;
            default -> throw invalid(resource, "names an OAuth2 client authentication method this data plane does not know");
        };
        return new OAuth2Settings(tokenUrl, settings.getScopesList(), settings.getAudience(), clientAuth);
    }

    private static InvalidSnapshotException invalid(Resource resource, String problem) {
        return new InvalidSnapshotException("resource '" + resource.getName() + "' " + problem);
    }
}
