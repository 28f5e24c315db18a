package io.gatehouse.dataplane.rest;

import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.gatehouse.dataplane.snapshot.PolicyHolder;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready when there is a policy that may be enforced (from the control plane or the last good copy). */
@Readiness
@ApplicationScoped
public class PolicyReadinessCheck implements HealthCheck {

    private final PolicyHolder policies;

    public PolicyReadinessCheck(PolicyHolder policies) {
        this.policies = policies;
    }

    @Override
    public HealthCheckResponse call() {
        PolicySnapshot enforceable = policies.enforceable();
        return HealthCheckResponse.named("policy")
                .status(enforceable != null)
                .withData("version", enforceable == null ? "none" : enforceable.version())
                .withData("controlPlaneConnected", policies.isConnected())
                .withData("lastContact", policies.lastContact().toString())
                .build();
    }
}
