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
}
