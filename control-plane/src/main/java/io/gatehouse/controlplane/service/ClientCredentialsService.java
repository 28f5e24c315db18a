package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import io.gatehouse.controlplane.domain.GatewayToken;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.model.ClientSecretEntity;
import io.gatehouse.controlplane.model.IdentityEntity;
import io.gatehouse.controlplane.repository.ClientSecretRepository;
import io.gatehouse.controlplane.repository.IdentityRepository;
import io.gatehouse.controlplane.security.CompactJws;
import io.gatehouse.controlplane.security.SecretHasher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The OAuth2 client credentials grant for identities migrating off static keys: the identity's
 * name is the client id, one of its active client secrets the client secret; the answer is a
 * gateway token (JWT, {@code typ} at+jwt, RFC 9068 claims) signed with the control plane's key,
 * which data planes verify with the keys delivered in the config. Issued and refused requests are
 * both audited ({@code token.issued}, {@code token.refused}).
 */
@ApplicationScoped
public class ClientCredentialsService {

    public static final String TOKEN_TYPE = "at+jwt";
    /** A secret the hashes of an unknown client are checked against, so that an unknown client costs as much time. */
    private static final SecretHasher.Hashed DECOY = SecretHasher.hash(SecretHasher.newSecret(), 1);

    private final IdentityRepository identities;
    private final ClientSecretRepository secrets;
    private final CompactJws jws;
    private final AuditStore audit;
    private final ControlPlaneConfig.Tokens config;
    private final Clock clock;

    public ClientCredentialsService(IdentityRepository identities, ClientSecretRepository secrets, CompactJws jws,
                                    AuditStore audit, ControlPlaneConfig config, Clock clock) {
        this.identities = identities;
        this.secrets = secrets;
        this.jws = jws;
        this.audit = audit;
        this.config = config.tokens();
        this.clock = clock;
    }

    /** @throws TokenRequestException invalid_client or unauthorized_client, after auditing the refusal */
    public GatewayToken issue(String clientId, String clientSecret) {
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> authenticate(clientId, clientSecret));
        if (outcome.refusal() != null) {
            record(clientId, AuditDecision.DENIED, "token.refused", outcome.refusal().getMessage());
            throw outcome.refusal();
        }
        return outcome.token();
    }

    private Outcome authenticate(String clientId, String clientSecret) {
        Instant now = clock.instant();
        Optional<IdentityEntity> identity = identities.findByName(clientId);
        List<ClientSecretEntity> candidates = identity.isEmpty() ? List.of() : secrets.ofIdentity(clientId, false);
        Optional<ClientSecretEntity> matching = candidates.stream()
                .filter(secret -> SecretHasher.matches(clientSecret, secret.hash, secret.salt, secret.iterations))
                .findFirst();
        if (candidates.isEmpty()) {
            SecretHasher.matches(clientSecret, DECOY.hash(), DECOY.salt(), config.secretHashIterations());
        }
        if (matching.isEmpty()) {
            return Outcome.refused(new TokenRequestException(TokenRequestException.INVALID_CLIENT,
                    "client authentication failed"));
        }
        IdentityEntity client = identity.get();
        IdentityStatus status = client.status == IdentityStatus.ACTIVE && !client.expiresAt.isAfter(now)
                ? IdentityStatus.EXPIRED : client.status;
        if (status != IdentityStatus.ACTIVE) {
            return Outcome.refused(new TokenRequestException(TokenRequestException.UNAUTHORIZED_CLIENT,
                    "identity " + clientId + " is " + status.name().toLowerCase(java.util.Locale.ROOT)));
        }
        matching.get().lastUsedAt = now;
        Instant expiresAt = now.plus(config.lifetime());
        if (expiresAt.isAfter(client.expiresAt)) {
            expiresAt = client.expiresAt;
        }
        String token = jws.sign(TOKEN_TYPE, jws.claims()
                .put("iss", config.issuer()).put("sub", clientId).put("aud", config.audience())
                .put("client_id", clientId).put("iat", now.getEpochSecond()).put("nbf", now.getEpochSecond())
                .put("exp", expiresAt.getEpochSecond()).put("jti", UUID.randomUUID().toString()));
        record(clientId, AuditDecision.ALLOWED, "token.issued", "client credentials with secret "
                + matching.get().secretId + ", valid until " + expiresAt);
        return Outcome.issued(new GatewayToken(token, clientId, now, expiresAt));
    }

    private void record(String clientId, AuditDecision decision, String kind, String reason) {
        audit.store(List.of(new AuditRecord(UUID.randomUUID(), UUID.randomUUID().toString(), clock.instant(),
                PolicyChangeLog.SOURCE, clientId, null, "POST", "/oauth2/token", decision, reason, null, 0, 0, List.of(),
                kind, clientId, Map.of(), null)));
    }

    private record Outcome(GatewayToken token, TokenRequestException refusal) {

        static Outcome issued(GatewayToken token) {
            return new Outcome(token, null);
        }

        static Outcome refused(TokenRequestException refusal) {
            return new Outcome(null, refusal);
        }
    }
}
