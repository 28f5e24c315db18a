package io.gatehouse.dataplane.snapshot;

import io.gatehouse.dataplane.policy.IdentityAssertion;

import java.time.Duration;
import java.util.Locale;
import java.util.Set;

/** Reads a resource's identity assertion from a snapshot. */
final class IdentityAssertionMapper {

    /** Headers whose meaning the gateway owns: an assertion in one of them would replace a credential or break framing. */
    private static final Set<String> NOT_FOR_ASSERTIONS = Set.of("authorization", "proxy-authorization", "cookie", "host",
            "connection", "content-length", "transfer-encoding", "te", "upgrade", "forwarded", "x-forwarded-for",
            "x-gatehouse-request-id");

    private IdentityAssertionMapper() {
    }

    /** The resource's assertion with the snapshot's issuer and lifetime; a resource may not ask for one the snapshot cannot sign. */
    static IdentityAssertion identityAssertion(io.gatehouse.proto.config.v1.Resource resource,
                                               io.gatehouse.proto.config.v1.IdentityAssertions assertions) {
        if (!resource.hasIdentityAssertion()) {
            return null;
        }
        io.gatehouse.proto.config.v1.IdentityAssertion assertion = resource.getIdentityAssertion();
        Duration lifetime = Duration.ofSeconds(assertions.getLifetime().getSeconds(), assertions.getLifetime().getNanos());
        if (assertions.getIssuer().isEmpty() || lifetime.toSeconds() < 2) {
            throw new InvalidSnapshotException("resource '" + resource.getName()
                    + "' asks for an identity assertion, but the snapshot names no assertion issuer or lifetime");
        }
        if (assertion.getHeaderName().isEmpty() || assertion.getAudience().isEmpty()) {
            throw new InvalidSnapshotException("resource '" + resource.getName() + "' has an identity assertion without header or audience");
        }
        if (NOT_FOR_ASSERTIONS.contains(assertion.getHeaderName().toLowerCase(Locale.ROOT))
                || assertion.getHeaderName().equalsIgnoreCase(resource.getInjection().getHeaderName())) {
            throw new InvalidSnapshotException("resource '" + resource.getName() + "' puts its identity assertion in header '"
                    + assertion.getHeaderName() + "', which the gateway sets otherwise");
        }
        return new IdentityAssertion(assertion.getHeaderName(), assertion.getAudience(), assertions.getIssuer(), lifetime);
    }
}
