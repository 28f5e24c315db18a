package io.gatehouse.approval.service;

import io.gatehouse.approval.config.ApprovalConfig;
import jakarta.enterprise.context.ApplicationScoped;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Decides when a new approval expires: as requested, or after the default TTL, never after the maximum TTL. */
@ApplicationScoped
public class ApprovalTtlPolicy {

    private final ApprovalConfig config;

    public ApprovalTtlPolicy(ApprovalConfig config) {
        this.config = config;
    }

    /**
     * @param requested the expiry the data plane asked for, or {@code null}
     * @param now       the current time, at the precision of the store
     * @throws InvalidApprovalRequestException when the requested expiry is not in the future
     */
    public Instant expiresAt(Instant requested, Instant now) {
        Instant latest = now.plus(config.maxTtl());
        if (requested == null) {
            Instant byDefault = now.plus(config.defaultTtl());
            return byDefault.isBefore(latest) ? byDefault : latest;
        }
        Instant wanted = requested.truncatedTo(ChronoUnit.MICROS);
        if (!wanted.isAfter(now)) {
            throw new InvalidApprovalRequestException("expires_at must be in the future");
        }
        return wanted.isBefore(latest) ? wanted : latest;
    }
}
