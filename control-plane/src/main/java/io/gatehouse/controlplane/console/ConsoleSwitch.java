package io.gatehouse.controlplane.console;

import io.quarkus.vertx.http.runtime.filters.Filters;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** With {@code gatehouse.control-plane.console.enabled=false} every console path answers 404 before sign-in. */
@ApplicationScoped
public class ConsoleSwitch {

    /** Ahead of authentication, so a disabled console never redirects anyone to the issuer. */
    private static final int BEFORE_AUTHENTICATION = 1000;

    void register(@Observes Filters filters, ConsoleConfig config) {
        if (config.enabled()) {
            return;
        }
        filters.register(context -> {
            if (ConsoleTenantSelection.isConsolePath(context.normalizedPath())) {
                context.response().setStatusCode(404).end();
            } else {
                context.next();
            }
        }, BEFORE_AUTHENTICATION);
    }
}
