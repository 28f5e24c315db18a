package io.gatehouse.controlplane.lifecycle;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.IdentityKind;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Duration;
import java.util.Arrays;
import java.util.Optional;

/**
 * The unused-identity thresholds of one kind: the global ones unless {@code lifecycle.kinds."<kind>"} overrides them.
 * Created at start, so that an unknown kind in the settings stops the control plane with a clear message.
 */
@Startup
@ApplicationScoped
public class UnusedIdentityRules {

    private static final String PREFIX = "gatehouse.control-plane.lifecycle.";

    private final ControlPlaneConfig.Lifecycle config;

    public UnusedIdentityRules(ControlPlaneConfig config) {
        this.config = config.lifecycle();
        this.config.kinds().keySet().forEach(kind -> IdentityKind.fromDeclaredName(kind).orElseThrow(() ->
                new IllegalArgumentException(PREFIX + "kinds.\"" + kind + "\": unknown identity kind; use one of "
                        + Arrays.stream(IdentityKind.values()).map(IdentityKind::declaredName).toList())));
    }

    /** How long an identity of {@code kind} may stay unused before it is suspended; empty: never. */
    public Optional<Duration> suspendUnusedAfter(IdentityKind kind) {
        Optional<ControlPlaneConfig.Lifecycle.KindRules> rules = rulesOf(kind);
        if (rules.map(override -> !override.enabled()).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(rules.flatMap(ControlPlaneConfig.Lifecycle.KindRules::suspendUnusedAfter)
                .orElse(config.suspendUnusedAfter()));
    }

    /** How long a lifecycle suspension of {@code kind} lasts before it becomes a revocation; empty: never. */
    public Optional<Duration> revokeSuspendedAfter(IdentityKind kind) {
        Optional<ControlPlaneConfig.Lifecycle.KindRules> rules = rulesOf(kind);
        if (rules.map(override -> !override.enabled()).orElse(false)) {
            return Optional.empty();
        }
        return Optional.of(rules.flatMap(ControlPlaneConfig.Lifecycle.KindRules::revokeSuspendedAfter)
                .orElse(config.revokeSuspendedAfter()));
    }

    /** The name of the setting that gave {@code kind} its suspension threshold, for reasons. */
    public String suspendSetting(IdentityKind kind) {
        return settingName(kind, "suspend-unused-after",
                rulesOf(kind).flatMap(ControlPlaneConfig.Lifecycle.KindRules::suspendUnusedAfter).isPresent());
    }

    public String revokeSetting(IdentityKind kind) {
        return settingName(kind, "revoke-suspended-after",
                rulesOf(kind).flatMap(ControlPlaneConfig.Lifecycle.KindRules::revokeSuspendedAfter).isPresent());
    }

    private static String settingName(IdentityKind kind, String key, boolean overridden) {
        return PREFIX + (overridden ? "kinds.\"" + kind.declaredName() + "\"." : "") + key;
    }

    private Optional<ControlPlaneConfig.Lifecycle.KindRules> rulesOf(IdentityKind kind) {
        return Optional.ofNullable(config.kinds().get(kind.declaredName()));
    }
}
