package io.gatehouse.dataplane;

import io.gatehouse.dataplane.masking.MaskingPolicy;
import io.gatehouse.dataplane.masking.MaskingRuleCompiler;
import io.gatehouse.dataplane.policy.ApprovalRule;
import io.gatehouse.dataplane.policy.Grant;
import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.IdentityStatus;
import io.gatehouse.dataplane.policy.CredentialInjection;
import io.gatehouse.dataplane.policy.InjectionStyle;
import io.gatehouse.dataplane.policy.OidcBinding;
import io.gatehouse.dataplane.policy.PathPattern;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.gatehouse.dataplane.policy.Resource;

import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** A small policy shared by the data plane's unit tests. */
public final class PolicyFixtures {

    public static final Instant NOW = Instant.parse("2026-11-29T12:00:00Z");

    private PolicyFixtures() {
    }

    public static Identity identity(String name, String issuer, IdentityStatus status, Instant expires) {
        return new Identity(name, "IDENTITY_KIND_CI_JOB", "tests", expires, status,
                List.of(new OidcBinding(issuer, Set.of("gatehouse"), Map.of("repository", "acme/" + name))), "platform", null);
    }

    public static PolicySnapshot policy(String issuer, Identity... identities) {
        Resource demo = new Resource("demo", "/demo", URI.create("http://127.0.0.1:1"), CredentialInjection.of(InjectionStyle.BEARER),
                new MaskingRuleCompiler(Optional.empty()).compile(io.gatehouse.proto.config.v1.Resource.newBuilder()
                        .addMaskedFields("ssn").build()), Duration.ofSeconds(5), null);
        Resource demoAdmin = new Resource("demo-admin", "/demo/admin", URI.create("http://127.0.0.1:2"), CredentialInjection.of(InjectionStyle.BEARER),
                MaskingPolicy.NONE, null, null);
        List<Grant> grants = List.of(
                new Grant("deploy", "demo", Set.of("GET"), List.of(PathPattern.compile("/customers/**")), null, null),
                new Grant("deploy", "demo", Set.of("POST"), List.of(PathPattern.compile("/refunds")), null,
                        new ApprovalRule("payments", 1)),
                new Grant("deploy", "demo", Set.of("GET"), List.of(PathPattern.compile("/old/**")), NOW.minusSeconds(1), null));
        return new PolicySnapshot("v1", NOW, List.of(identities), List.of(demo, demoAdmin), grants);
    }
}
