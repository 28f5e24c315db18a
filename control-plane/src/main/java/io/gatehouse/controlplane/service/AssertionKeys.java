package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.repository.AssertionKeyRepository;
import io.gatehouse.controlplane.security.AssertionKeyRegistration;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.security.interfaces.ECPublicKey;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The keys data planes sign identity assertions with: registered when a data plane opens its config
 * stream, kept fresh by its acknowledgements, published while seen within the retention window, then
 * removed. Blocking (JDBC): call from a worker thread.
 */
@ApplicationScoped
public class AssertionKeys {

    private static final Logger LOG = Logger.getLogger(AssertionKeys.class);

    /** A published key of a data plane. */
    public record PublishedKey(String kid, String nodeId, ECPublicKey publicKey) {
    }

    private final AssertionKeyRepository repository;
    private final Clock clock;
    private final Duration retention;

    public AssertionKeys(AssertionKeyRepository repository, Clock clock, ControlPlaneConfig config) {
        this.repository = repository;
        this.clock = clock;
        this.retention = config.identityAssertions().keyRetention();
    }

    public void register(AssertionKeyRegistration key) {
        Instant now = clock.instant();
        try {
            repository.upsert(key, now);
            int removed = repository.removeSeenBefore(now.minus(retention));
            if (removed > 0) {
                LOG.infof("Removed %d assertion key(s) of data planes not seen for %s", removed, retention);
            }
        } catch (SQLException e) {
            throw new AssertionKeysUnavailableException("cannot store the assertion key of data plane " + key.nodeId(), e);
        }
    }

    public void seen(String kid) {
        try {
            repository.seen(kid, clock.instant());
        } catch (SQLException e) {
            LOG.warnf("Cannot mark assertion key %s as seen (%s); it stays published until its retention ends", kid,
                    e.getMessage());
        }
    }

    public List<PublishedKey> published() {
        try {
            return repository.seenSince(clock.instant().minus(retention)).stream()
                    .map(key -> new PublishedKey(key.kid(), key.nodeId(), AssertionKeyRegistration.p256(key.publicKey())))
                    .toList();
        } catch (SQLException e) {
            throw new AssertionKeysUnavailableException("cannot read the assertion keys", e);
        }
    }
}
