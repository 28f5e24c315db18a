package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.ResourceDefinition;

import io.gatehouse.controlplane.domain.IdentityAssertion;
import io.gatehouse.controlplane.domain.MaskingRuleDefinition;
import io.gatehouse.controlplane.domain.OAuth2ClientCredentials;
import io.gatehouse.controlplane.domain.RecordingPolicy;

import java.util.List;

/** An upstream resource as the admin API shows it. The credential itself never leaves the vault broker. */
public record ResourceView(String name, String host, String pathPrefix, String upstreamUrl, String injection,
                           String injectionHeader, List<String> maskedFields,
                           List<MaskingRuleDefinition> maskingRules, long timeoutMs,
                           CredentialSourceView credentialSource, List<String> dataPlanePools,
                           String injectionParameter, OAuth2ClientCredentials oauth2, Recording recording,
                           IdentityAssertion identityAssertion) {

    /** The recording block in the declarative file's terms. */
    public record Recording(String level, List<String> headers, int bodyBytes, String whenSpoolFull) {

        static Recording from(RecordingPolicy recording) {
            return new Recording(recording.level().declaredName(), recording.headers(), recording.bodyBytes(),
                    recording.whenSpoolFull().declaredName());
        }
    }

    static ResourceView from(ResourceDefinition resource) {
        return new ResourceView(resource.name(), resource.host(), resource.pathPrefix(), resource.upstreamUrl(),
                resource.injection().style().declaredName(), resource.injection().headerName(),
                resource.maskedFields(), resource.maskingRules(), resource.upstreamTimeout().toMillis(),
                CredentialSourceView.from(resource.credentialSource()), resource.dataPlanePools(),
                resource.injection().parameterName(), resource.injection().oauth2(), Recording.from(resource.recording()),
                resource.identityAssertion());
    }
}
