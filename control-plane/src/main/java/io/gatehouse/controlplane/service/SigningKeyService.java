package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.domain.SigningKeyInfo;
import io.gatehouse.controlplane.domain.SigningKeyState;
import io.gatehouse.controlplane.security.SigningKey;
import io.gatehouse.controlplane.security.SigningKeyLifecycle;
import io.gatehouse.controlplane.security.SigningKeys;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The signing keys as operators see and rotate them; a rotation is audited ({@code signing-key.rotated}). */
@ApplicationScoped
public class SigningKeyService {

    private final SigningKeys keys;
    private final SigningKeyLifecycle lifecycle;
    private final SigningKeyReloader reloader;
    private final AuditStore audit;
    private final ControlPlaneConfig.KeyRotation rotation;
    private final Clock clock;

    public SigningKeyService(SigningKeys keys, SigningKeyLifecycle lifecycle, SigningKeyReloader reloader,
                             AuditStore audit, ControlPlaneConfig config, Clock clock) {
        this.keys = keys;
        this.lifecycle = lifecycle;
        this.reloader = reloader;
        this.audit = audit;
        this.rotation = config.keyRotation();
        this.clock = clock;
    }

    /** Every key, archived ones included, newest first. */
    public List<SigningKeyInfo> list() {
        return keys.all().stream().map(this::info).toList();
    }

    /** Starts a rotation (see {@link SigningKeyLifecycle#rotate}) and publishes the new key set at once. */
    public SigningKeyInfo rotate(AdminCaller caller, boolean immediate) {
        String kid = lifecycle.rotate(immediate, clock.instant());
        reloader.reloadAndPublish();
        SigningKeyInfo created = list().stream().filter(key -> key.kid().equals(kid)).findFirst().orElseThrow();
        String reason = immediate
                ? "immediate rotation: key " + kid + " signs from now on; the previous key is retired"
                : "rotation: key " + kid + " is published and signs from " + created.signsFrom();
        audit.store(List.of(new AuditRecord(UUID.randomUUID(), UUID.randomUUID().toString(), clock.instant(),
                PolicyChangeLog.SOURCE, null, null, "POST", "/api/v1/signing-keys/rotate", AuditDecision.ALLOWED, reason,
                null, 0, 0, List.of(), "signing-key.rotated", caller.name(), Map.of(), null)));
        return created;
    }

    private SigningKeyInfo info(SigningKey key) {
        return new SigningKeyInfo(key.kid(), SigningKey.ALGORITHM, key.state().column(), key.createdAt(),
                key.activatedAt(), key.retiredAt(), key.archivedAt(),
                key.state() == SigningKeyState.NEXT ? key.createdAt().plus(rotation.publishAhead()) : null,
                key.state() == SigningKeyState.RETIRED ? key.retiredAt().plus(rotation.retireAfter()) : null);
    }
}
