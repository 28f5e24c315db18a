package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.domain.AuditDecision;
import io.gatehouse.controlplane.domain.AuditRecord;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Audit records of the token endpoint, issued or refused, with the reason; never a token or a secret. */
@ApplicationScoped
public class TokenAudit {

    public static final String ISSUED = "token.issued";
    public static final String EXCHANGED = "token.exchanged";
    public static final String REFUSED = "token.refused";

    private final AuditStore audit;
    private final Clock clock;

    public TokenAudit(AuditStore audit, Clock clock) {
        this.audit = audit;
        this.clock = clock;
    }

    /** @param identity the identity the token is (or would have been) for; {@code null} when none was found */
    public void record(String identity, String kind, String reason) {
        AuditDecision decision = REFUSED.equals(kind) ? AuditDecision.DENIED : AuditDecision.ALLOWED;
        audit.store(List.of(new AuditRecord(UUID.randomUUID(), UUID.randomUUID().toString(), clock.instant(),
                PolicyChangeLog.SOURCE, identity, null, "POST", "/oauth2/token", decision, reason, null, 0, 0, List.of(),
                kind, identity, Map.of(), null)));
    }
}
