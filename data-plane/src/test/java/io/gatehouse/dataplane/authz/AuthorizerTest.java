package io.gatehouse.dataplane.authz;

import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.IdentityStatus;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import org.junit.jupiter.api.Test;

import static io.gatehouse.dataplane.PolicyFixtures.NOW;
import static io.gatehouse.dataplane.PolicyFixtures.identity;
import static io.gatehouse.dataplane.PolicyFixtures.policy;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AuthorizerTest {

    private final Identity deploy = identity("deploy", "https://issuer", IdentityStatus.ACTIVE, NOW.plusSeconds(3600));
    private final PolicySnapshot policy = policy("https://issuer", deploy);

    @Test
    void allowsAGrantedOperationAndStripsTheResourcePrefix() {
        Authorization allowed = Authorizer.authorize(policy, deploy, "GET", "/demo/customers/42", NOW);
        assertEquals("demo", allowed.resource().name());
        assertEquals("/customers/42", allowed.resourcePath());
        assertFalse(allowed.needsApproval());
    }

    @Test
    void namesTheOperationAsTheMatchingPathPatternOfTheGrant() {
        assertEquals("/customers/**", Authorizer.authorize(policy, deploy, "GET", "/demo/customers/42", NOW).route());
        assertEquals("/refunds", Authorizer.authorize(policy, deploy, "POST", "/demo/refunds", NOW).route());
    }

    @Test
    void marksOperationsThatNeedApproval() {
        assertTrue(Authorizer.authorize(policy, deploy, "POST", "/demo/refunds", NOW).needsApproval());
    }

    @Test
    void routesToTheLongestPrefixSoAGrantOnTheShorterOneDoesNotLeak() {
        AccessDeniedException denied = assertThrows(AccessDeniedException.class,
                () -> Authorizer.authorize(policy, deploy, "GET", "/demo/admin/customers/1", NOW));
        assertTrue(denied.getMessage().contains("no grant"));
    }

    @Test
    void deniesOtherMethodsPathsExpiredGrantsAndUnroutedPathsAlike() {
        String unrouted = assertThrows(AccessDeniedException.class, () -> Authorizer.authorize(policy, deploy, "GET", "/other/x", NOW)).getMessage();
        String ungranted = assertThrows(AccessDeniedException.class, () -> Authorizer.authorize(policy, deploy, "DELETE", "/demo/customers/42", NOW)).getMessage();
        assertThrows(AccessDeniedException.class, () -> Authorizer.authorize(policy, deploy, "GET", "/demo/old/1", NOW));
        assertTrue(unrouted.startsWith("no grant of identity 'deploy' allows GET"));
        assertTrue(ungranted.startsWith("no grant of identity 'deploy' allows DELETE"));
    }

    @Test
    void refusesSuspendedAndExpiredIdentities() {
        Identity suspended = identity("deploy", "https://issuer", IdentityStatus.SUSPENDED, NOW.plusSeconds(60));
        Identity expired = identity("deploy", "https://issuer", IdentityStatus.ACTIVE, NOW.minusSeconds(1));
        assertTrue(assertThrows(AccessDeniedException.class,
                () -> Authorizer.authorize(policy, suspended, "GET", "/demo/customers/1", NOW)).getMessage().contains("suspended"));
        assertTrue(assertThrows(AccessDeniedException.class,
                () -> Authorizer.authorize(policy, expired, "GET", "/demo/customers/1", NOW)).getMessage().contains("expired"));
    }
}
