package io.gatehouse.controlplane.security;

import io.grpc.Context;

/** The pool of the node behind the current gRPC call, set by {@link io.gatehouse.controlplane.grpc.JoinTokenAuthInterceptor}. */
public final class CallerPool {

    public static final Context.Key<String> KEY = Context.key("gatehouse-caller-pool");

    private CallerPool() {
    }

    /** @throws IllegalStateException outside an authenticated gRPC call */
    public static String current() {
        String pool = KEY.get();
        if (pool == null) {
            throw new IllegalStateException("no authenticated node on this call");
        }
        return pool;
    }
}
