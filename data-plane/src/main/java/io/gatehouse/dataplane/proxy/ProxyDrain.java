package io.gatehouse.dataplane.proxy;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Graceful shutdown of the proxy, before anything else stops (the audit shipper flushes the spool after it):
 * <ol>
 *   <li>readiness reports DOWN and every answer carries {@code Connection: close} (HTTP/2: GOAWAY), while calls are
 *       still served, for {@code gatehouse.proxy.drain.ready-delay} — the time a load balancer needs to stop
 *       sending new calls here;</li>
 *   <li>then new connections are closed unread, and the calls in flight are waited for, at most
 *       {@code gatehouse.proxy.drain.timeout}; their audit outcomes are in the spool when they finish;</li>
 *   <li>a call that still arrives after that, on a connection opened before, gets 503 and is not forwarded: the
 *       process is about to exit and could not answer it.</li>
 * </ol>
 */
@ApplicationScoped
public class ProxyDrain {

    private static final Logger LOG = Logger.getLogger(ProxyDrain.class);

    enum Phase { SERVING, LEAVING, CLOSING, CLOSED }

    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object finished = new Object();
    private final Duration readyDelay;
    private final Duration timeout;
    private volatile Phase phase = Phase.SERVING;

    @Inject
    public ProxyDrain(DataPlaneConfig config) {
        this(config.proxy().drain().readyDelay(), config.proxy().drain().timeout());
    }

    ProxyDrain(Duration readyDelay, Duration timeout) {
        this.readyDelay = readyDelay;
        this.timeout = timeout;
    }

    void callStarted() {
        inFlight.incrementAndGet();
    }

    void callFinished() {
        if (inFlight.decrementAndGet() == 0 && phase != Phase.SERVING) {
            synchronized (finished) {
                finished.notifyAll();
            }
        }
    }

    /** Whether the data plane is on its way out: not ready, answers close their connection. */
    public boolean leaving() {
        return phase != Phase.SERVING;
    }

    /** Whether new connections are refused. */
    boolean refusesConnections() {
        return phase == Phase.CLOSING || phase == Phase.CLOSED;
    }

    /** Whether the drain is over: a call that still arrives (on a connection opened before) is refused, not forwarded. */
    boolean closed() {
        return phase == Phase.CLOSED;
    }

    int inFlight() {
        return inFlight.get();
    }

    void onStop(@Observes @Priority(1) ShutdownEvent event) throws InterruptedException {
        drain();
    }

    void drain() throws InterruptedException {
        phase = Phase.LEAVING;
        LOG.infof("Draining the proxy: readiness is down; serving on for %s so load balancers stop sending calls here",
                readyDelay);
        long delayEnd = System.nanoTime() + readyDelay.toNanos();
        synchronized (finished) {
            for (long left = delayEnd - System.nanoTime(); left > 0; left = delayEnd - System.nanoTime()) {
                TimeUnit.NANOSECONDS.timedWait(finished, left);
            }
        }
        phase = Phase.CLOSING;
        LOG.infof("Draining the proxy: new connections are refused; waiting up to %s for %d call(s) in flight",
                timeout, inFlight.get());
        long deadline = System.nanoTime() + timeout.toNanos();
        synchronized (finished) {
            while (inFlight.get() > 0 && System.nanoTime() < deadline) {
                TimeUnit.NANOSECONDS.timedWait(finished, deadline - System.nanoTime());
            }
        }
        phase = Phase.CLOSED;
        int left = inFlight.get();
        if (left > 0) {
            LOG.warnf("Draining the proxy: %d call(s) still in flight after %s are cut off; raise gatehouse.proxy.drain.timeout"
                    + " (and the pod's terminationGracePeriodSeconds) if calls take this long", left, timeout);
        } else {
            LOG.info("Draining the proxy: every call in flight has finished");
        }
    }
}
