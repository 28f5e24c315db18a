package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AuditChainHash;
import io.gatehouse.controlplane.domain.AuditChainRun;
import io.gatehouse.controlplane.domain.AuditPartition;
import io.gatehouse.controlplane.domain.AuditRetentionCut;
import io.gatehouse.controlplane.repository.AuditForwardPositions;
import io.gatehouse.controlplane.repository.AuditPartitions;
import io.gatehouse.controlplane.repository.AuditRetentionCuts;
import io.gatehouse.controlplane.security.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Drops the audit store's monthly partitions that lie wholly before the retention window — whole partitions, never
 * rows. In the same transaction as each drop, what the partition held of each hash chain is recorded as signed
 * retention cuts (and logged), so verification starts at the earliest retained event of each chain and still finds a
 * deletion among the retained ones. A partition the SIEM sink has not taken in full is kept, and so are the newer ones.
 */
@ApplicationScoped
public class AuditRetention {

    private static final Logger LOG = Logger.getLogger(AuditRetention.class);

    private final AuditPartitions partitions;
    private final AuditRetentionCuts cuts;
    private final AuditForwardPositions positions;
    private final SigningKeys keys;
    private final Clock clock;

    public AuditRetention(AuditPartitions partitions, AuditRetentionCuts cuts, AuditForwardPositions positions,
                          SigningKeys keys, Clock clock) {
        this.partitions = partitions;
        this.cuts = cuts;
        this.positions = positions;
        this.keys = keys;
        this.clock = clock;
    }

    /**
     * Drops, oldest first, each partition that ends at or before {@code now - keep}, each in its own transaction on
     * the caller's connection; stops at the first one the forwarding sink (when there is one) has not taken in full.
     */
    public List<AuditPartition> apply(Connection connection, Instant now, Duration keep, Optional<String> forwardingSink)
            throws SQLException {
        Instant cutoff = now.minus(keep);
        List<AuditPartition> dropped = new ArrayList<>();
        for (AuditPartition partition : partitions.list(connection)) {
            if (partition.to().isAfter(cutoff)) {
                break;
            }
            List<AuditChainRun> runs = partitions.chainRuns(connection, partition);
            Optional<AuditChainRun> unforwarded = unforwarded(runs, forwardingSink);
            if (unforwarded.isPresent()) {
                LOG.infof("keeping audit partition %s past retention: the SIEM sink has not taken events %d to %d of"
                        + " source %s yet", partition.name(), unforwarded.get().firstSeq(), unforwarded.get().lastSeq(),
                        unforwarded.get().source());
                connection.rollback();
                break;
            }
            long events = partitions.events(connection, partition);
            Instant at = AuditChainHash.storedPrecision(clock.instant());
            List<AuditRetentionCut> recorded = new ArrayList<>();
            for (AuditChainRun run : runs) {
                AuditRetentionCut unsigned = new AuditRetentionCut(partition.name(), run.source(), run.firstSeq(),
                        run.lastSeq(), run.lastHash(), at, "", new byte[0]);
                SigningKeys.Signed signed = keys.sign(unsigned.signedBytes());
                AuditRetentionCut cut = unsigned.signed(signed.kid(), signed.signature());
                cuts.add(connection, cut);
                recorded.add(cut);
            }
            partitions.drop(connection, partition);
            connection.commit();
            dropped.add(partition);
            LOG.infof("audit retention (keep %s): dropped partition %s, %d events from %s to %s, %d chain run(s) cut",
                    keep, partition.name(), events, partition.from(), partition.to(), recorded.size());
            // also outside the database, like the checkpoints
            recorded.forEach(cut -> LOG.infof("audit retention cut: source %s, events %d to %d, last hash %s, key %s",
                    cut.source(), cut.firstSeq(), cut.lastSeq(), HexFormat.of().formatHex(cut.lastHash()), cut.kid()));
        }
        return dropped;
    }

    private Optional<AuditChainRun> unforwarded(List<AuditChainRun> runs, Optional<String> sink) throws SQLException {
        if (sink.isEmpty()) {
            return Optional.empty();
        }
        for (AuditChainRun run : runs) {
            if (positions.lastSeq(sink.get(), run.source()) < run.lastSeq()) {
                return Optional.of(run);
            }
        }
        return Optional.empty();
    }
}
