package io.gatehouse.controlplane.console;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;

/** Picks the console's session tenant or the bearer-token tenant per request; see {@link ConsoleTenantSelection}. */
@ApplicationScoped
public class ConsoleTenantResolver implements TenantResolver {

    @Override
    public String resolve(RoutingContext context) {
        return ConsoleTenantSelection.tenantFor(context.normalizedPath(),
                context.request().headers().contains(HttpHeaders.AUTHORIZATION),
                context.request().headers().contains(ConsoleTenantSelection.REQUESTED_WITH_HEADER));
    }
}
