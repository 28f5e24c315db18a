package io.gatehouse.it;

import io.gatehouse.it.support.Await;
import io.gatehouse.it.support.GatehouseSuite;
import io.gatehouse.it.support.SuiteVault;
import io.gatehouse.it.support.Tokens;
import io.gatehouse.launcher.suite.Database;
import io.gatehouse.launcher.suite.Service;
import io.gatehouse.launcher.suite.Suite;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue #11: a rolling restart of two data planes under steady load loses no accepted call. A small load balancer in
 * the test sends calls only to replicas whose readiness is UP (polled, as Kubernetes does) and retries a call whose
 * connection failed before any answer on another replica (as a proxy in front would). Each replica in turn gets
 * SIGTERM, drains (readiness down, in-flight calls finished, spool flushed), exits, and is started again with the
 * same node id and state directory. Every call the upstream saw was answered, every answer is 200, and every answered
 * call's outcome is in the audit store exactly once.
 */
@Order(5)
class RollingRestartTest {

    private static final List<String> NODES = List.of("it-rr-dp-1", "it-rr-dp-2");
    private static final Map<String, String> SETTINGS = Map.of("GATEHOUSE_PROXY_DRAIN_READY_DELAY", "1S");
    private static final String PATH_PREFIX = "/items/rolling-";
    private static final int WORKERS = 4;
    private static final Duration PROGRESS_LIMIT = Duration.ofSeconds(30);

    private final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2)).build();
    private final Map<String, Replica> replicas = new ConcurrentHashMap<>();
    private final Map<String, String> answered = new ConcurrentHashMap<>(); // upstream URI -> request id
    private final List<String> unexpected = new CopyOnWriteArrayList<>();
    private final AtomicInteger connectionFailures = new AtomicInteger();
    private final AtomicInteger refusedWhileClosing = new AtomicInteger();
    private final AtomicBoolean running = new AtomicBoolean(true);

    private record Replica(String proxyUrl, String managementUrl, AtomicBoolean ready) {
    }

    @Test
    void aRollingRestartUnderLoadLosesNoAcceptedCall() throws Exception {
        Suite suite = GatehouseSuite.requireAll();
        String token = Tokens.deployBot();
        ExecutorService threads = Executors.newFixedThreadPool(WORKERS + 1);
        try {
            Map<String, Map<String, String>> nodes = new HashMap<>();
            NODES.forEach(node -> nodes.put(node, SETTINGS));
            suite.startDataPlaneReplicas(nodes).forEach(this::register);
            threads.submit(this::pollReadiness);
            for (int worker = 0; worker < WORKERS; worker++) {
                threads.submit(() -> callUntilStopped(token));
            }
            awaitProgress(50);
            for (String node : NODES) {
                suite.stopReplica(Service.DATA_PLANE, node); // SIGTERM: drains, flushes, exits
                replicas.remove(node);
                register(suite.startDataPlaneReplicas(Map.of(node, SETTINGS)).get(0));
                awaitProgress(50);
            }
        } finally {
            running.set(false);
            threads.shutdown();
            threads.awaitTermination(30, TimeUnit.SECONDS);
            NODES.forEach(node -> suite.stopReplica(Service.DATA_PLANE, node));
        }

        assertEquals(List.of(), unexpected, "every call that was answered got 200");
        Set<String> seenUpstream = SuiteVault.upstream().uris().stream().filter(uri -> uri.startsWith(PATH_PREFIX))
                .collect(Collectors.toSet());
        Set<String> lost = seenUpstream.stream().filter(uri -> !answered.containsKey(uri)).collect(Collectors.toSet());
        assertEquals(Set.of(), lost, "calls forwarded to the upstream but never answered");
        Await.until("every answered call's outcome in the audit store", Duration.ofSeconds(60),
                () -> storedOutcomes(suite).values().stream().filter(count -> count == 1).count() == answered.size(),
                () -> answered.size() + " answered, stored outcomes: " + summary(storedOutcomes(suite)));
        assertTrue(storedOutcomes(suite).values().stream().allMatch(count -> count == 1), "none stored twice");
        System.out.printf("rolling restart: %d calls answered, %d connection failures and %d refusals of a closing"
                + " replica retried on another replica%n", answered.size(), connectionFailures.get(), refusedWhileClosing.get());
    }

    private void register(Suite.DataPlaneReplica replica) {
        replicas.put(replica.nodeId(), new Replica(replica.proxyUrl(), replica.managementUrl(), new AtomicBoolean(true)));
    }

    /** As a load balancer's health checks: a replica gets calls only while its readiness answers 200. */
    private void pollReadiness() {
        while (running.get()) {
            for (Replica replica : replicas.values()) {
                replica.ready().set(status(replica.managementUrl() + "/q/health/ready") == 200);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(100).toNanos());
        }
    }

    private void callUntilStopped(String token) {
        int next = 0;
        while (running.get()) {
            List<Replica> ready = replicas.values().stream().filter(replica -> replica.ready().get()).toList();
            if (ready.isEmpty()) {
                java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
                continue;
            }
            Replica replica = ready.get(next++ % ready.size());
            String path = PATH_PREFIX + UUID.randomUUID();
            try {
                HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                                URI.create(replica.proxyUrl() + "/" + SuiteVault.INVENTORY + path))
                        .header("Authorization", "Bearer " + token).timeout(Duration.ofSeconds(30)).GET().build(),
                        HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    answered.put(path, response.headers().firstValue("X-Gatehouse-Request-Id").orElse("?"));
                } else if (response.statusCode() == 503 && response.body().contains("shutting down")) {
                    refusedWhileClosing.incrementAndGet(); // refused, never forwarded: a balancer retries it elsewhere
                } else {
                    unexpected.add(response.statusCode() + " " + response.body());
                }
            } catch (IOException e) {
                connectionFailures.incrementAndGet(); // no answer: the next call goes elsewhere, as a balancer retries
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void awaitProgress(int calls) {
        int target = answered.size() + calls;
        Await.until(calls + " more answered calls", PROGRESS_LIMIT, () -> answered.size() >= target,
                () -> answered.size() + " answered, unexpected " + unexpected);
    }

    private int status(String url) {
        try {
            return client.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(2)).GET().build(),
                    HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return 0;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    /** Outcome ('call') events stored per answered request id. */
    private Map<String, Long> storedOutcomes(Suite suite) {
        try (Connection connection = suite.database().connect(Database.CONTROL);
             PreparedStatement query = connection.prepareStatement("SELECT request_id, count(*) FROM audit_event"
                     + " WHERE kind = 'call' AND request_id = ANY (?) GROUP BY request_id")) {
            Array ids = connection.createArrayOf("text", answered.values().toArray());
            query.setArray(1, ids);
            Map<String, Long> counts = new HashMap<>();
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    counts.put(rows.getString(1), rows.getLong(2));
                }
            }
            return counts;
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit store: " + e.getMessage(), e);
        }
    }

    private static String summary(Map<String, Long> counts) {
        return counts.values().stream().collect(Collectors.groupingBy(count -> count, Collectors.counting())).toString();
    }
}
