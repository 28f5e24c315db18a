package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AuditChainHash;
import io.gatehouse.controlplane.domain.AuditChainHead;
import io.gatehouse.controlplane.domain.AuditCheckpoint;
import io.gatehouse.controlplane.repository.AuditChainRepository;
import io.gatehouse.controlplane.security.SigningKeys;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Fixes the head of every audit chain that moved since its last checkpoint with a checkpoint signed by the
 * control plane's key, at a fixed interval, and writes it to the log as well. A checkpoint lets a verifier
 * notice that the newest events of a chain were cut off, which the chain alone cannot show.
 */
@ApplicationScoped
public class AuditCheckpointer {

    private static final Logger LOG = Logger.getLogger(AuditCheckpointer.class);

    private final AuditChainRepository chains;
    private final SigningKeys keys;
    private final Clock clock;
    private final long intervalMillis;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "audit-checkpoints");
        thread.setDaemon(true);
        return thread;
    });

    public AuditCheckpointer(AuditChainRepository chains, SigningKeys keys, Clock clock, ControlPlaneConfig config) {
        this.chains = chains;
        this.keys = keys;
        this.clock = clock;
        this.intervalMillis = config.auditCheckpointInterval().toMillis();
    }

    void onStart(@Observes StartupEvent event) {
        scheduler.scheduleWithFixedDelay(this::checkpointQuietly, intervalMillis, intervalMillis, TimeUnit.MILLISECONDS);
    }

    void onStop(@Observes ShutdownEvent event) {
        scheduler.shutdownNow();
    }

    /** Signs a checkpoint for every chain whose head is past its last checkpoint; returns how many. */
    public int checkpoint() throws SQLException {
        int written = 0;
        for (AuditChainHead head : chains.heads()) {
            if (head.seq() > chains.lastCheckpointedSeq(head.source())) {
                // what the database keeps, so the signed bytes can be rebuilt from the stored row
                Instant now = AuditChainHash.storedPrecision(clock.instant());
                AuditCheckpoint unsigned = new AuditCheckpoint(head.source(), head.seq(), head.hash(), now, "", new byte[0]);
                SigningKeys.Signed signed = keys.sign(unsigned.signedBytes());
                chains.addCheckpoint(new AuditCheckpoint(head.source(), head.seq(), head.hash(), now, signed.kid(),
                        signed.signature()));
                // also outside the database, where whoever can rewrite the tables cannot reach it
                LOG.infof("audit checkpoint: source %s, seq %d, hash %s, key %s", head.source(), head.seq(),
                        HexFormat.of().formatHex(head.hash()), signed.kid());
                written++;
            }
        }
        return written;
    }

    private void checkpointQuietly() {
        try {
            int written = checkpoint();
            if (written > 0) {
                LOG.debugf("signed %d audit checkpoint(s)", written);
            }
        } catch (SQLException | RuntimeException e) {
            LOG.warnf("could not sign audit checkpoints (%s); retrying in %d ms", e.getMessage(), intervalMillis);
        }
    }
}
