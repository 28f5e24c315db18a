package io.gatehouse.vaultbroker.vault;

import io.gatehouse.launcher.testing.vault.FakeVault;
import io.gatehouse.vaultbroker.model.KvSecretSource;
import io.gatehouse.vaultbroker.model.Secret;
import io.gatehouse.vaultbroker.repository.vault.AppRoleAuthMethod;
import io.gatehouse.vaultbroker.repository.vault.KubernetesAuthMethod;
import io.gatehouse.vaultbroker.repository.vault.TokenAuthMethod;
import io.gatehouse.vaultbroker.repository.vault.VaultAuthMethod;
import io.gatehouse.vaultbroker.repository.vault.VaultHttp;
import io.gatehouse.vaultbroker.repository.vault.VaultRequestException;
import io.gatehouse.vaultbroker.repository.vault.VaultSecretReader;
import io.gatehouse.vaultbroker.repository.vault.VaultSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each auth method against the fake Vault over real HTTP: login, renewal, login again. */
class VaultAuthTest {

    private static final String SECRET_ID = "secret-id-" + VaultSecretStoreTest.CANARY;

    private final MutableClock clock = new MutableClock();
    private final FakeVault vault = new FakeVault(clock);
    private final KvSecretSource demo = new KvSecretSource("demo", "secret", "apps/demo", List.of("token"), null,
            Duration.ofMinutes(5));
    private VaultHttp http;

    @TempDir
    Path dir;

    @BeforeEach
    void startVault() {
        vault.start();
        vault.putKv("secret", "apps/demo", Map.of("token", "value-1"));
        http = new VaultHttp(vault.url(), Duration.ofSeconds(1), Duration.ofSeconds(2));
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    private String read(VaultSession session) {
        Secret secret = new VaultSecretReader(http, session).read(demo).secret();
        try {
            return secret.reveal();
        } finally {
            secret.clear();
        }
    }

    @Test
    void tokenIsLookedUpAndRenewedBeforeItExpires() {
        String token = vault.createToken(Duration.ofHours(1), Duration.ofHours(24), true);
        VaultSession session = new VaultSession(http, new TokenAuthMethod(Secret.of(token)), clock);

        assertEquals("value-1", read(session));
        assertEquals(1, vault.calls("GET", "auth/token/lookup-self"));

        clock.advance(Duration.ofMinutes(30));
        session.maintain();
        assertEquals(0, vault.calls("POST", "auth/token/renew-self"), "not yet due");

        clock.advance(Duration.ofMinutes(11));
        session.maintain();
        assertEquals(1, vault.calls("POST", "auth/token/renew-self"));
        clock.advance(Duration.ofMinutes(50));
        assertEquals("value-1", read(session), "still valid thanks to the renewal");
    }

    @Test
    void aRejectedTokenIsReported() {
        VaultSession session = new VaultSession(http, new TokenAuthMethod(Secret.of("hvs.not-a-token")), clock);
        VaultRequestException refused = assertThrows(VaultRequestException.class, () -> read(session));
        assertEquals(403, refused.status());
        assertTrue(refused.getMessage().contains("auth/token/lookup-self"), refused.getMessage());
        assertTrue(refused.getMessage().contains("permission denied"), refused.getMessage());
        assertFalse(refused.getMessage().contains("hvs.not-a-token"));
    }

    @Test
    void appRoleLogsInAndLogsInAgainWhenTheTokenIsRevoked() {
        vault.addAppRole("broker-role", SECRET_ID);
        VaultSession session = new VaultSession(http, new AppRoleAuthMethod("approle", "broker-role",
                Secret.of(SECRET_ID)), clock);

        assertEquals("value-1", read(session));
        assertEquals(1, vault.calls("POST", "auth/approle/login"));

        vault.invalidateAllTokens();
        assertEquals("value-1", read(session), "a 403 leads to one new login and a retry");
        assertEquals(2, vault.calls("POST", "auth/approle/login"));

        clock.advance(Duration.ofMinutes(14));
        session.maintain();
        assertEquals(1, vault.calls("POST", "auth/token/renew-self"), "renewed after two thirds of 20 minutes");
    }

    @Test
    void appRoleWithAWrongSecretIdIsRefusedWithoutQuotingIt() {
        vault.addAppRole("broker-role", "the-right-one");
        VaultSession session = new VaultSession(http, new AppRoleAuthMethod("approle", "broker-role",
                Secret.of(SECRET_ID)), clock);
        VaultRequestException refused = assertThrows(VaultRequestException.class, () -> read(session));
        assertEquals(400, refused.status());
        assertTrue(refused.getMessage().contains("invalid role or secret ID"), refused.getMessage());
        assertFalse(refused.getMessage().contains(SECRET_ID));
    }

    @Test
    void kubernetesLogsInWithTheServiceAccountTokenFile() throws IOException {
        Path jwt = Files.writeString(dir.resolve("token"), "eyJ.service-account.jwt\n");
        vault.addKubernetesRole("gatehouse-broker", "eyJ.service-account.jwt");
        VaultAuthMethod kubernetes = new KubernetesAuthMethod("kubernetes", "gatehouse-broker", jwt);

        assertEquals("value-1", read(new VaultSession(http, kubernetes, clock)));
        assertEquals(1, vault.calls("POST", "auth/kubernetes/login"));

        Files.writeString(jwt, "eyJ.another.jwt");
        VaultRequestException refused = assertThrows(VaultRequestException.class,
                () -> read(new VaultSession(http, kubernetes, clock)));
        assertEquals(403, refused.status());
    }
}
