package io.gatehouse.controlplane.service;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/**
 * Listens on {@link PolicyChangeSignal#CHANNEL} with a connection of its own and republishes the
 * snapshot when any replica (this one included) committed a policy change, so data planes connected
 * to another replica get the change as fast as those connected to the writer. While the database is
 * unreachable it reconnects with backoff; the periodic refresh still bounds how stale a replica gets.
 */
@ApplicationScoped
public class PolicyChangeListener {

    private static final Logger LOG = Logger.getLogger(PolicyChangeListener.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration FIRST_RETRY = Duration.ofMillis(500);
    private static final Duration LONGEST_RETRY = Duration.ofSeconds(30);

    private final AgroalDataSource dataSource;
    private final SnapshotPublisher publisher;
    private volatile boolean running;
    private Thread thread;

    public PolicyChangeListener(AgroalDataSource dataSource, SnapshotPublisher publisher) {
        this.dataSource = dataSource;
        this.publisher = publisher;
    }

    void onStart(@Observes StartupEvent event) {
        running = true;
        thread = new Thread(this::listenUntilStopped, "policy-change-listener");
        thread.setDaemon(true);
        thread.start();
    }

    void onStop(@Observes ShutdownEvent event) {
        running = false;
        if (thread != null) {
            thread.interrupt();
        }
    }

    private void listenUntilStopped() {
        Duration retry = FIRST_RETRY;
        while (running) {
            try (Connection connection = dataSource.getConnection()) {
                connection.setAutoCommit(true);
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + PolicyChangeSignal.CHANNEL);
                }
                // a change committed while no one listened must not be missed
                refresh();
                retry = FIRST_RETRY;
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null && received.length > 0) {
                        refresh();
                    }
                }
            } catch (SQLException e) {
                if (!running) {
                    return;
                }
                LOG.warnf("Cannot listen for policy changes of other replicas (%s); retrying in %s ms. Changes made"
                        + " elsewhere reach this replica's data planes with the periodic refresh meanwhile",
                        e.getMessage(), retry.toMillis());
                if (!sleep(retry)) {
                    return;
                }
                retry = retry.multipliedBy(2).compareTo(LONGEST_RETRY) > 0 ? LONGEST_RETRY : retry.multipliedBy(2);
            }
        }
    }

    private void refresh() {
        try {
            publisher.refresh();
        } catch (RuntimeException e) {
            LOG.warnf(e, "Snapshot refresh after a policy change failed; data planes keep the current snapshot");
        }
    }

    private static boolean sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
