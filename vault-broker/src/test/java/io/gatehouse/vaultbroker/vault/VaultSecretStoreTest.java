package io.gatehouse.vaultbroker.vault;

import io.gatehouse.launcher.testing.vault.FakeVault;
import io.gatehouse.vaultbroker.model.KvSecretSource;
import io.gatehouse.vaultbroker.model.LeasedSecretSource;
import io.gatehouse.vaultbroker.model.SecretSource;
import io.gatehouse.vaultbroker.model.StoredCredential;
import io.gatehouse.vaultbroker.repository.SecretStoreUnavailableException;
import io.gatehouse.vaultbroker.repository.vault.TokenAuthMethod;
import io.gatehouse.vaultbroker.repository.vault.VaultHttp;
import io.gatehouse.vaultbroker.repository.vault.VaultSecretReader;
import io.gatehouse.vaultbroker.repository.vault.VaultSecretStore;
import io.gatehouse.vaultbroker.repository.vault.VaultSession;
import io.gatehouse.vaultbroker.repository.vault.VaultBackendAccess;
import io.gatehouse.vaultbroker.model.Secret;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The Vault store against a fake Vault over real HTTP, with a clock the test moves. */
class VaultSecretStoreTest {

    static final String CANARY = "canary-7f3e9d1c-never-log-me";

    private final MutableClock clock = new MutableClock();
    private final FakeVault vault = new FakeVault(clock);
    private VaultSecretStore store;

    private final KvSecretSource demo = new KvSecretSource("demo", "secret", "apps/demo", List.of("token"), null,
            Duration.ofMinutes(3));
    private final KvSecretSource pinned = new KvSecretSource("pinned", "secret", "apps/demo", List.of("token"), 1,
            Duration.ofMinutes(3));
    private final KvSecretSource basic = new KvSecretSource("basic", "secret", "apps/basic",
            List.of("user", "password"), null, Duration.ofMinutes(3));
    private final LeasedSecretSource db = LeasedSecretSource.database("db", "database", "readonly",
            LeasedSecretSource.DATABASE_KEYS, Duration.ofMinutes(10));

    @BeforeEach
    void startVault() {
        vault.start();
        vault.putKv("secret", "apps/demo", Map.of("token", CANARY, "other", "unused"));
        vault.putKv("secret", "apps/basic", Map.of("user", "svc", "password", "pw-" + CANARY));
        vault.addRole("database", "readonly", Duration.ofHours(1), Duration.ofHours(3), "username", "password");
        store = storeFor(List.of(demo, pinned, basic, db));
    }

    @AfterEach
    void stopVault() {
        vault.close();
    }

    private VaultSecretStore storeFor(List<SecretSource> sources) {
        return storeFor(sources, resource -> {
        });
    }

    private VaultSecretStore storeFor(List<SecretSource> sources, Consumer<String> onRotated) {
        VaultHttp http = new VaultHttp(vault.url(), Duration.ofSeconds(1), Duration.ofSeconds(2));
        String token = vault.createToken(Duration.ZERO, Duration.ZERO, false);
        VaultSession session = new VaultSession(http, new TokenAuthMethod(Secret.of(token)), clock);
        return new VaultSecretStore(sources.stream().collect(Collectors.toMap(SecretSource::resource, s -> s)),
                new VaultSecretReader(http, session), clock, Duration.ofSeconds(5), onRotated);
    }

    private static String reveal(VaultSecretStore from, String resource) {
        StoredCredential credential = from.find(resource).orElseThrow();
        try {
            return credential.secret().reveal();
        } finally {
            credential.secret().clear();
        }
    }

    private String value(String resource) {
        StoredCredential credential = store.find(resource).orElseThrow();
        try {
            return credential.secret().reveal();
        } finally {
            credential.secret().clear();
        }
    }

    @Test
    void readsKvSecretsByKeyKeysAndVersion() {
        assertEquals(CANARY, value("demo"));
        assertEquals("svc:pw-" + CANARY, value("basic"));
        vault.putKv("secret", "apps/demo", Map.of("token", "rotated"));
        clock.advance(Duration.ofMinutes(2));
        assertEquals(CANARY, value("pinned"), "a pinned version stays");
        assertTrue(store.find("absent").isEmpty());
        assertTrue(vault.requestLog().contains("GET secret/data/apps/demo"));
    }

    @Test
    void aRotatedKvSecretIsPickedUpWithinItsTtl() {
        assertEquals(CANARY, value("demo"));
        StoredCredential issued = store.find("demo").orElseThrow();
        assertTrue(issued.leaseDuration().compareTo(Duration.ofMinutes(3)) <= 0);
        vault.putKv("secret", "apps/demo", Map.of("token", "rotated-value"));

        clock.advance(Duration.ofMinutes(1));
        assertEquals(CANARY, value("demo"), "cached until two thirds of the ttl");
        clock.advance(Duration.ofMinutes(1));
        assertEquals("rotated-value", value("demo"));
        assertEquals(2, vault.calls("GET", "secret/data/apps/demo"));
    }

    @Test
    void databaseCredentialsAreLeasedRenewedAndReplacedNearTheirMaxTtl() {
        StoredCredential first = store.find("db").orElseThrow();
        assertTrue(first.secret().reveal().startsWith("v-token-"));
        assertEquals(Duration.ofMinutes(10), first.leaseDuration(), "capped by the source's ttl");
        FakeVault.FakeLease lease = vault.leases().get(0);

        clock.advance(Duration.ofMinutes(41));
        store.maintain();
        assertEquals(1, lease.renewals.get(), "renewed once two thirds of the hour passed");
        assertEquals(first.secret().reveal(), value("db"), "the same credential under the renewed lease");
        assertEquals(1, vault.calls("GET", "database/creds/readonly"));

        // renewals now reach the role's max TTL (3h after issue): the credential is replaced
        for (int i = 0; i < 5 && vault.leases().size() == 1; i++) {
            clock.advance(Duration.ofMinutes(41));
            store.maintain();
        }
        assertEquals(2, vault.leases().size(), "a new credential was read near the max TTL");
        String second = value("db");
        assertNotEquals(first.secret().reveal(), second);
        clock.advance(Duration.ofMinutes(11));
        store.maintain();
        assertTrue(lease.revoked, "the superseded lease is revoked once no issued copy can be in use");
    }

    @Test
    void concurrentRequestsShareOneFetch() throws Exception {
        vault.credsDelay(Duration.ofMillis(400));
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> calls = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                calls.add(() -> value("db"));
            }
            Set<String> values = pool.invokeAll(calls).stream().map(FakeVaultTestSupport::get)
                    .collect(Collectors.toSet());
            assertEquals(1, values.size());
        } finally {
            pool.shutdownNow();
        }
        assertEquals(1, vault.calls("GET", "database/creds/readonly"));
    }

    @Test
    void vaultDownWhileTheLeaseIsValidServesTheCachedCredentialThenUnavailable() {
        String cached = value("db");
        vault.stop();

        clock.advance(Duration.ofMinutes(45));
        store.maintain();
        assertEquals(cached, value("db"), "past the refresh point but within the lease");

        clock.advance(Duration.ofMinutes(16));
        SecretStoreUnavailableException down = assertThrows(SecretStoreUnavailableException.class,
                () -> store.find("db"));
        assertTrue(down.getMessage().contains("resource 'db'"), down.getMessage());
        assertTrue(down.getMessage().contains("database/creds/readonly"), down.getMessage());
        assertFalse(down.getMessage().contains(cached));

        vault.start();
        assertNotEquals(cached, value("db"), "a new credential once Vault is back");
    }

    @Test
    void whileVaultIsDownRequestsDoNotHammerIt() {
        value("demo");
        vault.seal(true);
        clock.advance(Duration.ofMinutes(2));
        value("demo");
        value("demo");
        assertEquals(2, vault.calls("GET", "secret/data/apps/demo"), "one failed attempt, then the cached copy");
        clock.advance(Duration.ofSeconds(11));
        value("demo");
        assertEquals(3, vault.calls("GET", "secret/data/apps/demo"), "asks again after the back-off");
        vault.seal(false);
        clock.advance(Duration.ofSeconds(11));
        vault.putKv("secret", "apps/demo", Map.of("token", "after-outage"));
        assertEquals("after-outage", value("demo"));
    }

    @Test
    void aStartWithUnreadableSourcesFailsNamingThem() {
        vault.deny("secret/data/apps/demo");
        VaultSecretStore broken = storeFor(List.of(demo, db));
        IllegalStateException refused = assertThrows(IllegalStateException.class,
                () -> VaultBackendAccess.validate(vault.url(), Map.of("demo", demo, "db", db), broken));
        assertTrue(refused.getMessage().contains("resource 'demo': secret/data/apps/demo cannot be read"),
                refused.getMessage());
        assertFalse(refused.getMessage().contains("resource 'db'"));
        assertFalse(refused.getMessage().contains(CANARY));

        vault.stop();
        VaultBackendAccess.validate(vault.url(), Map.of("db", db), storeFor(List.of(db))); // unreachable: starts
    }

    @Test
    void vaultDownWithoutACachedCredentialIsUnavailable() {
        vault.stop();
        assertThrows(SecretStoreUnavailableException.class, () -> store.find("demo"));
        vault.start();
        vault.seal(true);
        SecretStoreUnavailableException sealed = assertThrows(SecretStoreUnavailableException.class,
                () -> store.find("demo"));
        assertTrue(sealed.getMessage().contains("503"), sealed.getMessage());
    }

    @Test
    void shutdownRevokesHeldLeasesWhenConfigured() {
        value("db");
        store.shutdown(true);
        assertTrue(vault.leases().get(0).revoked);

        VaultSecretStore keeping = storeFor(List.of(db));
        keeping.find("db").orElseThrow().secret().clear();
        keeping.shutdown(false);
        assertEquals(1, vault.leases().stream().filter(lease -> !lease.revoked).count());
    }

    @Test
    void validationNamesResourceAndPathOfUnreadableSources() {
        vault.deny("database/creds/readonly");
        VaultSecretStore broken = storeFor(List.of(demo, db,
                new KvSecretSource("missing", "secret", "apps/none", List.of("token"), null, Duration.ofMinutes(1)),
                new KvSecretSource("nokey", "secret", "apps/demo", List.of("absent"), null, Duration.ofMinutes(1))));

        List<String> problems = broken.validate();

        assertEquals(3, problems.size(), problems.toString());
        String text = String.join("\n", problems);
        assertTrue(text.contains("resource 'db': database/creds/readonly cannot be read: Vault answered 403"), text);
        assertTrue(text.contains("resource 'missing': secret/data/apps/none cannot be read: Vault answered 404"), text);
        assertTrue(text.contains("key 'absent' is missing in secret/data/apps/demo"), text);
        assertFalse(text.contains(CANARY));
    }

    @Test
    void aNewKvVersionIsPickedUpAndAnnouncedAtTheNextMaintenanceWithoutWaitingForTheTtl() {
        List<String> rotated = new CopyOnWriteArrayList<>();
        VaultSecretStore watched = storeFor(List.of(demo, pinned), rotated::add);
        assertEquals(CANARY, reveal(watched, "demo"));
        assertEquals(CANARY, reveal(watched, "pinned"));

        watched.maintain();
        assertEquals(List.of(), rotated, "nothing changed yet");

        vault.putKv("secret", "apps/demo", Map.of("token", "rotated-value"));
        watched.maintain();

        assertEquals(List.of("demo"), rotated, "the pinned version did not change");
        assertEquals("rotated-value", reveal(watched, "demo"));
        assertEquals(CANARY, reveal(watched, "pinned"));
        assertTrue(vault.calls("GET", "secret/metadata/apps/demo") >= 2, "rotation is found from metadata");
    }

    @Test
    void replacedSourcesAreReadFirstAndNothingChangesWhenOneIsUnreadable() {
        List<String> rotated = new CopyOnWriteArrayList<>();
        VaultSecretStore replaced = storeFor(List.of(demo), rotated::add);
        assertEquals(CANARY, reveal(replaced, "demo"));
        vault.deny("secret/data/apps/denied");
        KvSecretSource denied = new KvSecretSource("denied", "secret", "apps/denied", List.of("token"), null,
                Duration.ofMinutes(1));

        List<String> problems = replaced.replaceSources(Map.of("db", db, "denied", denied));

        assertEquals(1, problems.size(), problems.toString());
        assertTrue(problems.get(0).startsWith("resource 'denied': secret/data/apps/denied cannot be read: Vault answered 403"),
                problems.get(0));
        assertTrue(replaced.serves("demo") && !replaced.serves("db"), "the previous sources stay");
        assertTrue(vault.leases().stream().allMatch(lease -> lease.revoked), "a lease read only to check is revoked");

        KvSecretSource moved = new KvSecretSource("demo", "secret", "apps/basic", List.of("user"), null, Duration.ofMinutes(3));
        assertEquals(List.of(), replaced.replaceSources(Map.of("demo", moved, "db", db)));
        assertEquals(List.of("demo"), rotated, "a resource whose source moved is announced");
        assertEquals("svc", reveal(replaced, "demo"));
        assertTrue(replaced.find("db").isPresent());
    }

    @Test
    void aDeletedVersionIsNotServed() {
        vault.deleteKvVersion("secret", "apps/demo", 1);
        assertThrows(SecretStoreUnavailableException.class, () -> store.find("pinned"));
    }
}
