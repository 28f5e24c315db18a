package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ConfigProblem;
import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.ClientSecretInfo;
import io.gatehouse.controlplane.domain.NewClientSecret;
import io.gatehouse.controlplane.model.ClientSecretEntity;
import io.gatehouse.controlplane.model.IdentityEntity;
import io.gatehouse.controlplane.repository.ClientSecretRepository;
import io.gatehouse.controlplane.repository.IdentityRepository;
import io.gatehouse.controlplane.security.SecretHasher;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;

/**
 * Gateway client secrets of identities: created (generated, or imported from a legacy static key),
 * listed without their value, revoked. Owners manage their teams' identities' secrets, admins all.
 */
@ApplicationScoped
public class ClientSecretService {

    /** Shorter imported keys are refused: they would be guessable even through a slow hash. */
    static final int MIN_IMPORTED_LENGTH = 16;
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ClientSecretRepository secrets;
    private final IdentityRepository identities;
    private final PolicyChangeLog changeLog;
    private final ControlPlaneConfig.Tokens config;
    private final Clock clock;

    public ClientSecretService(ClientSecretRepository secrets, IdentityRepository identities, PolicyChangeLog changeLog,
                               ControlPlaneConfig config, Clock clock) {
        this.secrets = secrets;
        this.identities = identities;
        this.changeLog = changeLog;
        this.config = config.tokens();
        this.clock = clock;
    }

    /** @param imported a legacy static key to accept from now on, or empty to generate a secret */
    @Transactional
    public NewClientSecret create(AdminCaller caller, String identityName, String description, Optional<String> imported) {
        IdentityEntity identity = managed(caller, identityName, "create client secrets for " + identityName);
        if (secrets.ofIdentity(identityName, false).size() >= config.maxSecretsPerIdentity()) {
            throw new PolicyConflictException(identityName + " already has " + config.maxSecretsPerIdentity()
                    + " active client secrets; revoke one first");
        }
        if (imported.isPresent() && imported.get().length() < MIN_IMPORTED_LENGTH) {
            throw new PolicyValidationException(List.of(new ConfigProblem("secret",
                    "an imported key must have at least " + MIN_IMPORTED_LENGTH + " characters; leave 'secret' out to get a generated one")));
        }
        String secret = imported.orElseGet(SecretHasher::newSecret);
        SecretHasher.Hashed hashed = SecretHasher.hash(secret, config.secretHashIterations());
        ClientSecretEntity entity = new ClientSecretEntity();
        entity.secretId = "gcs_" + HexFormat.of().formatHex(randomBytes());
        entity.identity = identity;
        entity.description = description;
        entity.hash = hashed.hash();
        entity.salt = hashed.salt();
        entity.iterations = hashed.iterations();
        entity.createdAt = clock.instant();
        entity.createdBy = caller.name();
        secrets.persist(entity);
        changeLog.record(caller, "client-secret", imported.isPresent() ? "imported" : "created",
                new PolicyObjectKind.AuditSubject(identityName, null), "client secret " + entity.secretId
                        + (description == null ? "" : " (" + description + ")"));
        return new NewClientSecret(info(entity), secret);
    }

    @Transactional
    public List<ClientSecretInfo> list(String identityName) {
        if (identities.findByName(identityName).isEmpty()) {
            throw new PolicyObjectNotFoundException("identity", identityName);
        }
        return secrets.ofIdentity(identityName, true).stream().map(ClientSecretService::info).toList();
    }

    @Transactional
    public ClientSecretInfo revoke(AdminCaller caller, String identityName, String secretId, String reason) {
        managed(caller, identityName, "revoke client secrets of " + identityName);
        ClientSecretEntity entity = secrets.bySecretId(secretId)
                .filter(secret -> secret.identity.name.equals(identityName))
                .orElseThrow(() -> new PolicyObjectNotFoundException("client secret of " + identityName, secretId));
        if (entity.revokedAt == null) {
            entity.revokedAt = clock.instant();
            entity.revokedReason = reason == null || reason.isBlank() ? "revoked by " + caller.name() : reason;
            changeLog.record(caller, "client-secret", "revoked", new PolicyObjectKind.AuditSubject(identityName, null),
                    "client secret " + secretId + ": " + entity.revokedReason);
        }
        return info(entity);
    }

    private IdentityEntity managed(AdminCaller caller, String identityName, String action) {
        IdentityEntity identity = identities.findByName(identityName)
                .orElseThrow(() -> new PolicyObjectNotFoundException("identity", identityName));
        TeamAccess.requireManages(caller, action, identity.ownerTeam);
        return identity;
    }

    private static byte[] randomBytes() {
        byte[] bytes = new byte[8];
        RANDOM.nextBytes(bytes);
        return bytes;
    }

    static ClientSecretInfo info(ClientSecretEntity entity) {
        return new ClientSecretInfo(entity.secretId, entity.identity.name, entity.description, entity.createdAt,
                entity.createdBy, entity.lastUsedAt, entity.revokedAt, entity.revokedReason);
    }
}
