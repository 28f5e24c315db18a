package io.gatehouse.dataplane.snapshot;

import com.google.protobuf.Duration;
import io.gatehouse.dataplane.policy.IdentityAssertion;
import io.gatehouse.proto.config.v1.CredentialInjection;
import io.gatehouse.proto.config.v1.IdentityAssertions;
import io.gatehouse.proto.config.v1.InjectionStyle;
import io.gatehouse.proto.config.v1.Resource;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class IdentityAssertionMapperTest {

    private static final IdentityAssertions SIGNED_BY_DATA_PLANES = IdentityAssertions.newBuilder()
            .setIssuer("gatehouse-data-plane").setLifetime(Duration.newBuilder().setSeconds(300)).build();

    @Test
    void aResourceWithoutAssertionHasNone() {
        assertNull(IdentityAssertionMapper.identityAssertion(Resource.newBuilder().setName("r").build(), SIGNED_BY_DATA_PLANES));
    }

    @Test
    void theResourcesHeaderAndAudienceTakeTheSnapshotsIssuerAndLifetime() {
        assertEquals(new IdentityAssertion("X-Assert", "https://api.internal", "gatehouse-data-plane", java.time.Duration.ofMinutes(5)),
                IdentityAssertionMapper.identityAssertion(asserted("X-Assert", InjectionStyle.INJECTION_STYLE_BEARER, ""),
                        SIGNED_BY_DATA_PLANES));
    }

    @Test
    void anAssertionTheSnapshotCannotSignRejectsTheSnapshot() {
        assertThrows(InvalidSnapshotException.class, () -> IdentityAssertionMapper.identityAssertion(
                asserted("X-Assert", InjectionStyle.INJECTION_STYLE_BEARER, ""), IdentityAssertions.getDefaultInstance()));
    }

    @Test
    void anAssertionInACredentialOrFramingHeaderRejectsTheSnapshot() {
        for (String header : new String[] {"Authorization", "host", "Transfer-Encoding", "Cookie"}) {
            assertThrows(InvalidSnapshotException.class, () -> IdentityAssertionMapper.identityAssertion(
                    asserted(header, InjectionStyle.INJECTION_STYLE_BEARER, ""), SIGNED_BY_DATA_PLANES), header);
        }
        assertThrows(InvalidSnapshotException.class, () -> IdentityAssertionMapper.identityAssertion(
                asserted("X-Api-Key", InjectionStyle.INJECTION_STYLE_HEADER, "x-api-key"), SIGNED_BY_DATA_PLANES));
    }

    private static Resource asserted(String header, InjectionStyle style, String injectedHeader) {
        return Resource.newBuilder().setName("r")
                .setInjection(CredentialInjection.newBuilder().setStyle(style).setHeaderName(injectedHeader))
                .setIdentityAssertion(io.gatehouse.proto.config.v1.IdentityAssertion.newBuilder()
                        .setHeaderName(header).setAudience("https://api.internal")).build();
    }
}
