package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.IdentityStatus;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

class CachedTokenTest {

    private static final VerifiedToken TOKEN = new VerifiedToken("https://ci.example", Set.of("gatehouse"),
            Map.of("repository", "acme/deploy"), Instant.now().plusSeconds(600));

    @Test
    void theIdentityIsResolvedOncePerPolicySnapshot() {
        CachedToken cached = new CachedToken(TOKEN);
        PolicySnapshot first = policy("v1");
        PolicySnapshot second = policy("v2");
        AtomicInteger resolutions = new AtomicInteger();

        AuthenticatedCaller one = cached.caller(first, (token, policy) -> caller(policy, resolutions));
        assertSame(one, cached.caller(first, (token, policy) -> caller(policy, resolutions)));
        assertEquals(1, resolutions.get());

        AuthenticatedCaller two = cached.caller(second, (token, policy) -> caller(policy, resolutions));
        assertEquals(2, resolutions.get(), "a new snapshot may bind the token to another identity");
        assertEquals("bot-v2", two.identity().name());
    }

    @Test
    void aTokenThatResolvesToNoIdentityIsAskedAgainEveryTime() {
        CachedToken cached = new CachedToken(TOKEN);
        PolicySnapshot policy = policy("v1");
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            assertThrows(AuthenticationException.class, () -> cached.caller(policy, (token, snapshot) -> {
                attempts.incrementAndGet();
                throw new AuthenticationException("no identity is bound to this token");
            }));
        }
        assertEquals(2, attempts.get());
    }

    private static AuthenticatedCaller caller(PolicySnapshot policy, AtomicInteger resolutions) {
        resolutions.incrementAndGet();
        return new AuthenticatedCaller(policy.identity("bot-" + policy.version()).orElseThrow(), TOKEN.issuer(), "bot", TOKEN.expiresAt());
    }

    private static PolicySnapshot policy(String version) {
        Identity identity = new Identity("bot-" + version, "ci-job", "test", null, IdentityStatus.ACTIVE, List.of(), "platform", null);
        return new PolicySnapshot(version, Instant.now(), List.of(identity), List.of(), List.of());
    }
}
