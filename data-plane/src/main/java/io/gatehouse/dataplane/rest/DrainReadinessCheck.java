package io.gatehouse.dataplane.rest;

import io.gatehouse.dataplane.proxy.ProxyDrain;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Not ready once the proxy drains for shutdown, so load balancers stop sending calls here. */
@Readiness
@ApplicationScoped
public class DrainReadinessCheck implements HealthCheck {

    private final ProxyDrain drain;

    public DrainReadinessCheck(ProxyDrain drain) {
        this.drain = drain;
    }

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("proxy").status(!drain.leaving())
                .withData("state", drain.leaving() ? "draining for shutdown" : "serving").build();
    }
}
