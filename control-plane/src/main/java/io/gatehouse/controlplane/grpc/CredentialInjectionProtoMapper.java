package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.domain.CredentialInjection;
import io.gatehouse.controlplane.domain.OAuth2ClientCredentials;
import io.gatehouse.proto.config.v1.OAuth2ClientAuth;

/** The style-specific settings of a resource's injection in the snapshot (the style itself is set by the caller). */
final class CredentialInjectionProtoMapper {

    private CredentialInjectionProtoMapper() {
    }

    static void addSettings(CredentialInjection injection, io.gatehouse.proto.config.v1.CredentialInjection.Builder message) {
        if (injection.parameterName() != null) {
            message.setParameterName(injection.parameterName());
        }
        OAuth2ClientCredentials oauth2 = injection.oauth2();
        if (oauth2 != null) {
            io.gatehouse.proto.config.v1.OAuth2ClientCredentials.Builder settings = io.gatehouse.proto.config.v1.OAuth2ClientCredentials
                    .newBuilder()
                    .setTokenUrl(oauth2.tokenUrl())
                    .addAllScopes(oauth2.scopes())
                    .setClientAuth(switch (oauth2.clientAuth()) {
                        case CLIENT_SECRET_BASIC -> OAuth2ClientAuth.OAUTH2_CLIENT_AUTH_CLIENT_SECRET_BASIC;
                        case CLIENT_SECRET_POST -> OAuth2ClientAuth.OAUTH2_CLIENT_AUTH_CLIENT_SECRET_POST;
                    });
            if (oauth2.audience() != null) {
                settings.setAudience(oauth2.audience());
            }
            message.setOauth2(settings);
        }
    }
}
