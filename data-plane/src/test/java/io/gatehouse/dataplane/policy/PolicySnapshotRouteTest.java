package io.gatehouse.dataplane.policy;

import io.gatehouse.dataplane.PolicyFixtures;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.junit.jupiter.api.Assertions.assertEquals;

class PolicySnapshotRouteTest {

    private final PolicySnapshot policy = PolicyFixtures.policy("https://issuer.example");

    @ParameterizedTest
    @CsvSource({
            "/demo, demo",
            "/demo/, demo",
            "/demo/customers/1, demo",
            "/demo/admin, demo-admin",
            "/demo/admin/users/7, demo-admin",
            "/demo/administrator, demo",
            "/demox, -",
            "/dem, -",
            "/, -",
            "/other/demo/admin, -"})
    void routesToTheLongestSegmentAlignedPrefix(String path, String expected) {
        assertEquals(expected, policy.route(path).map(Resource::name).orElse("-"));
    }

    @ParameterizedTest
    @CsvSource({
            "a.example, /v1/orders, a-v1",
            "c.example, /v1/orders, any-v1",
            ", /v1/orders, any-v1",
            "b.example, /anything, b-all",
            "b.example, /v1/orders, b-all",
            "a.example, /other, -"})
    void aHostsOwnResourcesComeBeforeThoseOfAnyHost(String host, String path, String expected) {
        PolicySnapshot hosts = new PolicySnapshot("v", java.time.Instant.EPOCH, java.util.List.of(), java.util.List.of(
                resource("a-v1", "/v1", "a.example"), resource("any-v1", "/v1", null), resource("b-all", "/", "b.example")),
                java.util.List.of());

        assertEquals(expected, hosts.route(host, path).map(Resource::name).orElse("-"));
    }

    private static Resource resource(String name, String prefix, String host) {
        return new Resource(name, prefix, java.net.URI.create("http://127.0.0.1:1"), CredentialInjection.of(InjectionStyle.BEARER),
                io.gatehouse.dataplane.masking.MaskingPolicy.NONE, null, host);
    }
}
