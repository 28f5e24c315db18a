package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.IdentityAssertion;
import io.gatehouse.controlplane.domain.PolicyDiff;
import io.gatehouse.controlplane.domain.PolicyModel;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class IdentityAssertionConfigTest {

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void aResourceWithoutTheBlockAsksForNoAssertionAndExportsNone() {
        PolicyModel model = loader.parse(resourceWith(""), "assertion.yaml");

        assertNull(model.resources().get(0).identityAssertion());
        assertFalse(DeclarativeConfigWriter.toYaml(model).contains("identityAssertion"));
    }

    @Test
    void anEmptyBlockTakesTheDefaultHeaderAndTheUpstreamsOriginAsAudience() {
        IdentityAssertion assertion = loader.parse(resourceWith("identityAssertion: {}"), "assertion.yaml")
                .resources().get(0).identityAssertion();

        assertEquals(new IdentityAssertion("X-Gatehouse-Identity-Assertion", "https://billing.internal:8443"), assertion);
    }

    @Test
    void theBlockSurvivesExportAndReimportAndAChangeOfItIsAChange() {
        PolicyModel model = loader.parse(resourceWith("""
                identityAssertion: {audience: billing-api, header: X-Caller-Identity}
                """), "assertion.yaml");

        String exported = DeclarativeConfigWriter.toYaml(model);
        PolicyModel reread = loader.parse(exported, "exported.yaml");

        assertEquals(model, reread);
        assertEquals(new IdentityAssertion("X-Caller-Identity", "billing-api"), reread.resources().get(0).identityAssertion());
        PolicyDiff diff = PolicyDiff.between(reread, loader.parse(resourceWith("identityAssertion: {audience: other}"), "x.yaml"));
        assertEquals(1, diff.changes().size(), diff.changes().toString());
        assertTrue(diff.changes().get(0).toString().contains("identity assertion for other"), diff.changes().toString());
    }

    @Test
    void headersTheGatewayOwnsOrTheInjectedOneAreRefusedWithThePath() {
        List<String> problems = assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse("""
                resources:
                  - name: a
                    pathPrefix: /a
                    upstream: http://a
                    credential: {injection: header, header: X-Upstream-Key}
                    identityAssertion: {header: x-upstream-key}
                  - name: b
                    pathPrefix: /b
                    upstream: http://b
                    credential: {injection: bearer}
                    identityAssertion: {header: Authorization, audience: "", keep: forever}
                  - name: c
                    pathPrefix: /c
                    upstream: http://c
                    credential: {injection: bearer}
                    identityAssertion: {header: "bad header"}
                """, "assertion.yaml")).problems();

        assertEquals(List.of(
                "resources[0].identityAssertion.header: 'x-upstream-key' carries the injected credential; the assertion"
                        + " needs a header of its own",
                "resources[1].identityAssertion.keep: unknown key (allowed: audience, header)",
                "resources[1].identityAssertion.header: 'Authorization' is set or removed by the gateway itself; choose"
                        + " another name, such as X-Gatehouse-Identity-Assertion",
                "resources[1].identityAssertion.audience: must not be blank",
                "resources[2].identityAssertion.header: 'bad header' is not a valid header name"), problems);
    }

    private static String resourceWith(String block) {
        return """
                resources:
                  - name: billing
                    pathPrefix: /billing
                    upstream: https://billing.internal:8443/v2
                    credential: {injection: bearer}
                    %s
                """.formatted(block);
    }
}
