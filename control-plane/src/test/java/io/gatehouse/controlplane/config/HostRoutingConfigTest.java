package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.ResourceDefinition;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

class HostRoutingConfigTest {

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void aPrefixMayRepeatOnAnotherHostAndAHostMayTakeEveryPath() {
        List<ResourceDefinition> resources = loader.parse(resources("""
                  - {name: eu, host: API.EU.acme.example, pathPrefix: /v1, upstream: http://eu, credential: {injection: bearer}}
                  - {name: any, pathPrefix: /v1, upstream: http://any, credential: {injection: bearer}}
                  - {name: legacy, host: legacy.acme.example, pathPrefix: /, upstream: http://legacy, credential: {injection: basic}}
                """), "hosts.yaml").resources();

        assertEquals("api.eu.acme.example", resources.stream().filter(r -> r.name().equals("eu")).findFirst().orElseThrow().host());
        assertNull(resources.stream().filter(r -> r.name().equals("any")).findFirst().orElseThrow().host());
    }

    @Test
    void duplicateRoutesBadHostsAndARootPrefixWithoutHostAreRefused() {
        List<String> problems = assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse(resources("""
                  - {name: a, host: api.acme.example, pathPrefix: /v1, upstream: http://a, credential: {injection: bearer}}
                  - {name: b, host: api.acme.example, pathPrefix: /v1, upstream: http://b, credential: {injection: bearer}}
                  - {name: c, host: "https://api.acme.example:443", pathPrefix: /v2, upstream: http://c, credential: {injection: bearer}}
                  - {name: d, pathPrefix: /, upstream: http://d, credential: {injection: bearer}}
                """), "hosts.yaml")).problems();

        assertEquals(3, problems.size(), problems::toString);
        assertEquals("resources[1].pathPrefix: duplicate route 'api.acme.example /v1' (also used by resources[0])", problems.get(0));
        assertEquals(true, problems.get(1).startsWith("resources[2].host: must be a host name"), problems::toString);
        assertEquals(true, problems.get(2).startsWith("resources[3].pathPrefix: must be an absolute path"), problems::toString);
    }

    private static String resources(String entries) {
        return "resources:\n" + entries;
    }
}
