package io.gatehouse.vaultbroker.grpc;

import io.gatehouse.vaultbroker.model.CallerNode;
import io.grpc.Context;

/** The data plane behind the current gRPC call, as {@link DataPlaneAuthInterceptor} established it. */
final class CallerNodes {

    static final Context.Key<CallerNode> KEY = Context.key("gatehouse-caller-node");

    private CallerNodes() {
    }

    /** @throws IllegalStateException outside an authenticated call */
    static CallerNode current() {
        CallerNode caller = KEY.get();
        if (caller == null) {
            throw new IllegalStateException("no authenticated data plane on this call");
        }
        return caller;
    }
}
