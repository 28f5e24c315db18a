package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.GatewayToken;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.model.ClientSecretEntity;
import io.gatehouse.controlplane.model.IdentityEntity;
import io.gatehouse.controlplane.repository.ClientSecretRepository;
import io.gatehouse.controlplane.repository.IdentityRepository;
import io.gatehouse.controlplane.security.SecretHasher;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * The OAuth2 client credentials grant for identities migrating off static keys: the identity's
 * name is the client id, one of its active client secrets the client secret; the answer is a
 * gateway token (JWT, {@code typ} at+jwt, RFC 9068 claims) signed with the control plane's key,
 * which data planes verify with the keys delivered in the config. Issued and refused requests are
 * both audited ({@code token.issued}, {@code token.refused}).
 */
@ApplicationScoped
public class ClientCredentialsService {

    /** A secret the hashes of an unknown client are checked against, so that an unknown client costs as much time. */
    private static final SecretHasher.Hashed DECOY = SecretHasher.hash(SecretHasher.newSecret(), 1);

    private final IdentityRepository identities;
    private final ClientSecretRepository secrets;
    private final GatewayTokenIssuer issuer;
    private final TokenAudit audit;
    private final ControlPlaneConfig.Tokens config;
    private final Clock clock;

    public ClientCredentialsService(IdentityRepository identities, ClientSecretRepository secrets, GatewayTokenIssuer issuer,
                                    TokenAudit audit, ControlPlaneConfig config, Clock clock) {
        this.identities = identities;
        this.secrets = secrets;
        this.issuer = issuer;
        this.audit = audit;
        this.config = config.tokens();
        this.clock = clock;
    }

    /** @throws TokenRequestException invalid_client or unauthorized_client, after auditing the refusal */
    public GatewayToken issue(String clientId, String clientSecret) {
        Outcome outcome = QuarkusTransaction.requiringNew().call(() -> authenticate(clientId, clientSecret));
        if (outcome.refusal() != null) {
            audit.record(clientId, TokenAudit.REFUSED, outcome.refusal().getMessage());
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
        // the lifecycle's suspension or revocation counts as much as the declared status, as in the snapshot
        IdentityStatus status = (client.status == IdentityStatus.ACTIVE && !client.expiresAt.isAfter(now)
                ? IdentityStatus.EXPIRED : client.status).stricter(client.lifecycleStatus);
        if (status != IdentityStatus.ACTIVE) {
            return Outcome.refused(new TokenRequestException(TokenRequestException.UNAUTHORIZED_CLIENT,
                    "identity " + clientId + " is " + status.name().toLowerCase(java.util.Locale.ROOT)));
        }
        matching.get().lastUsedAt = now;
        GatewayToken token = issuer.issue(clientId, client.expiresAt, now, issuer.extraClaims());
        audit.record(clientId, TokenAudit.ISSUED, "client credentials with secret " + matching.get().secretId
                + ", valid until " + token.expiresAt());
        return Outcome.issued(token);
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
