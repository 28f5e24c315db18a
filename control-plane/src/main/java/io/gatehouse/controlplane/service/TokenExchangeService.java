package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.domain.GatewayToken;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.VerifiedTokenClaims;
import io.gatehouse.controlplane.security.OidcIssuerKeys;
import io.gatehouse.controlplane.security.SubjectTokenVerifier;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * RFC 8693 token exchange: an external OIDC token, verified like data planes verify callers' tokens and resolved
 * through the trust bindings to exactly one active identity, buys a gateway token for that identity. The gateway
 * token records what was exchanged in {@code gatehouse_binding} ({@code iss} and {@code sub} of the subject token).
 * Exchanged and refused requests are audited ({@code token.exchanged}, {@code token.refused}); the subject token
 * itself never is.
 */
@ApplicationScoped
public class TokenExchangeService {

    private final SubjectTokenVerifier verifier;
    private final SnapshotPublisher policy;
    private final GatewayTokenIssuer issuer;
    private final TokenAudit audit;
    private final Clock clock;

    public TokenExchangeService(SubjectTokenVerifier verifier, SnapshotPublisher policy, GatewayTokenIssuer issuer,
                                TokenAudit audit, Clock clock) {
        this.verifier = verifier;
        this.policy = policy;
        this.issuer = issuer;
        this.audit = audit;
        this.clock = clock;
    }

    /**
     * @throws TokenRequestException invalid_grant or unauthorized_client (audited), temporarily_unavailable when the
     *                               subject token's issuer cannot be reached
     */
    public GatewayToken exchange(String subjectToken) {
        PolicyModel model = policy.current().content();
        VerifiedTokenClaims subject;
        try {
            subject = verifier.verify(subjectToken, issuer -> VerifiedTokenClaims.isTrustedIssuer(model, issuer));
        } catch (SubjectTokenVerifier.InvalidSubjectTokenException e) {
            throw refused(null, TokenRequestException.INVALID_GRANT, e.getMessage());
        } catch (OidcIssuerKeys.IssuerUnavailableException e) {
            audit.record(null, TokenAudit.REFUSED, e.getMessage());
            throw new TokenRequestException(TokenRequestException.TEMPORARILY_UNAVAILABLE,
                    e.getMessage() + "; try again later");
        }
        List<IdentityDefinition> matches = subject.identitiesIn(model);
        if (matches.isEmpty()) {
            throw refused(null, TokenRequestException.INVALID_GRANT, "no identity is bound to subject_token: its issuer,"
                    + " audience and claims must match an identity's trust binding (token of " + described(subject) + ")");
        }
        if (matches.size() > 1) {
            throw refused(null, TokenRequestException.INVALID_GRANT, "subject_token matches more than one identity ("
                    + String.join(", ", matches.stream().map(IdentityDefinition::name).toList())
                    + "); ask an administrator to make their trust bindings distinct");
        }
        IdentityDefinition identity = matches.get(0);
        Instant now = clock.instant();
        IdentityStatus status = identity.effectiveStatus(now);
        if (status != IdentityStatus.ACTIVE) {
            throw refused(identity.name(), TokenRequestException.UNAUTHORIZED_CLIENT,
                    "identity " + identity.name() + " is " + status.name().toLowerCase(Locale.ROOT));
        }
        ObjectNode claims = issuer.extraClaims();
        claims.putObject("gatehouse_binding").put("iss", subject.issuer()).put("sub", subject.subject());
        GatewayToken token = issuer.issue(identity.name(), identity.expiresAt(), now, claims);
        audit.record(identity.name(), TokenAudit.EXCHANGED, "exchanged a token of " + described(subject)
                + ", valid until " + token.expiresAt());
        return token;
    }

    private TokenRequestException refused(String identity, String error, String reason) {
        audit.record(identity, TokenAudit.REFUSED, reason);
        return new TokenRequestException(error, reason);
    }

    private static String described(VerifiedTokenClaims subject) {
        return "issuer " + subject.issuer() + ", subject " + subject.subject();
    }
}
