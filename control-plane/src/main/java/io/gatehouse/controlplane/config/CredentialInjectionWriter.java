package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.domain.CredentialInjection;
import io.gatehouse.controlplane.domain.OAuth2ClientAuth;
import io.gatehouse.controlplane.domain.OAuth2ClientCredentials;

/** Writes a resource's injection settings into its {@code credential} mapping, as {@link CredentialInjectionParser} reads them. */
final class CredentialInjectionWriter {

    private CredentialInjectionWriter() {
    }

    static void write(CredentialInjection injection, ObjectNode credential) {
        credential.put("injection", injection.style().declaredName());
        if (injection.headerName() != null) {
            credential.put("header", injection.headerName());
        }
        if (injection.parameterName() != null) {
            credential.put("parameter", injection.parameterName());
        }
        OAuth2ClientCredentials oauth2 = injection.oauth2();
        if (oauth2 != null) {
            ObjectNode node = credential.putObject(CredentialInjectionParser.OAUTH2);
            node.put("tokenUrl", oauth2.tokenUrl());
            if (!oauth2.scopes().isEmpty()) {
                ArrayNode scopes = node.putArray("scopes");
                oauth2.scopes().forEach(scopes::add);
            }
            if (oauth2.audience() != null) {
                node.put("audience", oauth2.audience());
            }
            if (oauth2.clientAuth() != OAuth2ClientAuth.CLIENT_SECRET_BASIC) {
                node.put("clientAuth", oauth2.clientAuth().declaredName());
            }
        }
    }
}
