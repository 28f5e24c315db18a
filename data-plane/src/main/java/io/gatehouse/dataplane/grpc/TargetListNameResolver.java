package io.gatehouse.dataplane.grpc;

import io.grpc.EquivalentAddressGroup;
import io.grpc.NameResolver;
import io.grpc.Status;
import io.grpc.SynchronizationContext;
import org.jboss.logging.Logger;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Resolves every target of a {@link TargetList} to all of its addresses, in the configured order (a host name's
 * addresses in the order the resolver gives them), one address group per address: {@code pick_first} then uses the
 * first replica that answers and moves on to the next when it is lost, {@code round_robin} spreads calls over those
 * that are up. Resolution runs again whenever the channel asks (after a lost connection), off the channel's threads.
 * Targets that do not resolve are left out while others do; when none resolves the channel gets UNAVAILABLE and
 * retries with backoff.
 */
final class TargetListNameResolver extends NameResolver {

    private static final Logger LOG = Logger.getLogger(TargetListNameResolver.class);
    private static final ExecutorService FALLBACK_EXECUTOR = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "grpc-target-list-resolver");
        thread.setDaemon(true);
        return thread;
    });

    private final TargetList targets;
    private final SynchronizationContext syncContext;
    private final Executor executor;
    private Listener2 listener;
    private boolean resolving;
    private boolean shutdown;
    private List<InetSocketAddress> lastResolved = List.of();

    TargetListNameResolver(TargetList targets, Args args) {
        this.targets = targets;
        this.syncContext = args.getSynchronizationContext();
        this.executor = args.getOffloadExecutor() != null ? args.getOffloadExecutor() : FALLBACK_EXECUTOR;
    }

    @Override
    public String getServiceAuthority() {
        return targets.targets().get(0).toString();
    }

    @Override
    public void start(Listener2 listener) {
        this.listener = listener;
        resolve();
    }

    @Override
    public void refresh() {
        resolve();
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    /** Called on the synchronization context. */
    private void resolve() {
        if (resolving || shutdown || listener == null) {
            return;
        }
        resolving = true;
        executor.execute(() -> {
            List<InetSocketAddress> addresses = new ArrayList<>();
            List<String> failures = new ArrayList<>();
            for (TargetList.Target target : targets.targets()) {
                try {
                    for (InetAddress address : InetAddress.getAllByName(target.host())) {
                        addresses.add(new InetSocketAddress(address, target.port()));
                    }
                } catch (UnknownHostException | SecurityException e) {
                    failures.add(target + " (" + e.getClass().getSimpleName() + ")");
                }
            }
            syncContext.execute(() -> deliver(addresses, failures));
        });
    }

    private void deliver(List<InetSocketAddress> addresses, List<String> failures) {
        resolving = false;
        if (shutdown) {
            return;
        }
        if (addresses.isEmpty()) {
            listener.onError(Status.UNAVAILABLE.withDescription("none of the targets " + targets + " resolves: " + failures));
            return;
        }
        if (!addresses.equals(lastResolved)) {
            lastResolved = List.copyOf(addresses);
            if (failures.isEmpty()) {
                LOG.debugf("targets %s resolve to %s", targets, addresses);
            } else {
                LOG.warnf("targets %s resolve to %s; not resolving: %s", targets, addresses, failures);
            }
        }
        List<EquivalentAddressGroup> groups = addresses.stream().map(EquivalentAddressGroup::new).toList();
        listener.onResult(ResolutionResult.newBuilder().setAddresses(groups).build());
    }
}
