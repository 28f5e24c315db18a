package io.gatehouse.controlplane.service;

import io.agroal.api.AgroalDataSource;
import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.TestConfigs;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.launcher.testing.PostgresTestResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.ResourceArg;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A policy change committed by another control-plane replica (here: another connection writing the
 * tables and notifying, as the writer of any replica does) is published by this replica at once,
 * without waiting for the periodic refresh (60 s in tests).
 */
@QuarkusTest
@QuarkusTestResource(value = PostgresTestResource.class, initArgs = @ResourceArg(name = "database", value = "control_plane_test"))
class PolicyChangeListenerTest {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    DeclarativeConfigLoader loader;

    @Inject
    PolicyUpdateService policyUpdates;

    @Inject
    SnapshotPublisher publisher;

    @Test
    void aChangeCommittedElsewhereIsPublishedWithoutWaitingForTheRefresh() throws Exception {
        policyUpdates.apply(loader.parse(TestConfigs.EXAMPLE, "example.yaml"), "example.yaml");
        var published = publisher.publications()
                .select().where(snapshot -> purposeOfDeployBot(snapshot).equals("Changed by another replica"))
                .toUni().subscribeAsCompletionStage();

        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try (PreparedStatement update = connection.prepareStatement("UPDATE identity SET purpose = ? WHERE name = ?");
                 PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, '')")) {
                update.setString(1, "Changed by another replica");
                update.setString(2, "deploy-bot");
                assertEquals(1, update.executeUpdate());
                notify.setString(1, PolicyChangeSignal.CHANNEL);
                notify.execute();
            }
            connection.commit();
        }

        PolicySnapshot snapshot = published.toCompletableFuture().get(Duration.ofSeconds(5).toMillis(),
                java.util.concurrent.TimeUnit.MILLISECONDS);
        assertEquals("Changed by another replica", purposeOfDeployBot(snapshot));
    }

    private static String purposeOfDeployBot(PolicySnapshot snapshot) {
        return snapshot.content().identity("deploy-bot").map(identity -> identity.purpose()).orElse("");
    }
}
