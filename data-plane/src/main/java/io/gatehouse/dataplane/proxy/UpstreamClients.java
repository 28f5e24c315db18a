package io.gatehouse.dataplane.proxy;

import io.vertx.core.Context;
import io.vertx.core.http.HttpClient;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * One upstream HTTP client, with its own connection pool, per event loop. A pooled connection is served by the event
 * loop that opened it; with one client shared by all event loops a call accepted on one loop is often sent on a
 * connection of another, and every step of the call (send, response head, body, end) then crosses between the two
 * threads with a wake-up each. Keeping each loop's calls on its own connections removes those hops. The pool bounds
 * ({@code upstream-max-connections}, {@code upstream-max-waiting}) therefore apply per event loop.
 */
final class UpstreamClients {

    private final Supplier<HttpClient> factory;
    private final Map<Thread, HttpClient> byEventLoop = new ConcurrentHashMap<>();
    private volatile HttpClient offLoop;

    UpstreamClients(Supplier<HttpClient> factory) {
        this.factory = factory;
    }

    /** The client of the calling event loop; a caller on any other thread shares one client (bounded: no client per thread). */
    HttpClient current() {
        if (Context.isOnEventLoopThread()) {
            return byEventLoop.computeIfAbsent(Thread.currentThread(), loop -> factory.get());
        }
        HttpClient shared = offLoop;
        if (shared == null) {
            synchronized (this) {
                if (offLoop == null) {
                    offLoop = factory.get();
                }
                shared = offLoop;
            }
        }
        return shared;
    }
}
