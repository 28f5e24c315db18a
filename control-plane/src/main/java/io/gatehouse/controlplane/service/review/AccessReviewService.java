package io.gatehouse.controlplane.service.review;

import io.gatehouse.controlplane.config.ConfigProblem;
import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityOverview;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.UsageEvidence;
import io.gatehouse.controlplane.domain.UsageWindow;
import io.gatehouse.controlplane.domain.review.ReviewCampaign;
import io.gatehouse.controlplane.domain.review.ReviewDecision;
import io.gatehouse.controlplane.domain.review.ReviewEvidence;
import io.gatehouse.controlplane.domain.review.ReviewItem;
import io.gatehouse.controlplane.domain.review.ReviewReport;
import io.gatehouse.controlplane.domain.review.ReviewReportBuilder;
import io.gatehouse.controlplane.repository.ReviewCampaignRepository;
import io.gatehouse.controlplane.service.NotPermittedException;
import io.gatehouse.controlplane.service.PolicyChangeLog;
import io.gatehouse.controlplane.service.PolicyConflictException;
import io.gatehouse.controlplane.service.PolicyModelReader;
import io.gatehouse.controlplane.service.PolicyObjectKind;
import io.gatehouse.controlplane.service.PolicyObjectNotFoundException;
import io.gatehouse.controlplane.service.PolicyValidationException;
import io.gatehouse.controlplane.service.UsageEvidenceService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Access-review campaigns: started over a scope with the evidence of each identity captured at once; decided item by
 * item or in bulk by their reviewers, each decision applied to the policy at once; closed with a signed report.
 */
@ApplicationScoped
public class AccessReviewService {

    private static final Logger LOG = Logger.getLogger(AccessReviewService.class);
    private static final String OBJECT = "access-review";

    private final ReviewCampaignRepository campaigns;
    private final PolicyModelReader policy;
    private final UsageEvidenceService usage;
    private final ReviewDecisionApplier applier;
    private final ReviewReportSigner signer;
    private final PolicyChangeLog changeLog;
    private final ControlPlaneConfig.AccessReviews config;
    private final Clock clock;

    public AccessReviewService(ReviewCampaignRepository campaigns, PolicyModelReader policy, UsageEvidenceService usage,
                               ReviewDecisionApplier applier, ReviewReportSigner signer, PolicyChangeLog changeLog,
                               ControlPlaneConfig config, Clock clock) {
        this.campaigns = campaigns;
        this.policy = policy;
        this.usage = usage;
        this.applier = applier;
        this.signer = signer;
        this.changeLog = changeLog;
        this.config = config.accessReviews();
        this.clock = clock;
    }

    /** Starts a campaign over every identity in scope that is not revoked. */
    public CampaignDetails start(AdminCaller caller, NewCampaign request) {
        requireRole(caller, "start an access review", AdminRole.ADMIN, AdminRole.REVIEWER);
        Instant now = clock.instant();
        List<ConfigProblem> problems = new ArrayList<>();
        if (request.name() == null || request.name().isBlank()) {
            problems.add(new ConfigProblem("name", "a campaign needs a name, e.g. \"2026-Q4 payments review\""));
        }
        Instant dueAt = request.dueAt() == null ? now.plus(config.defaultDueIn()) : request.dueAt();
        if (!dueAt.isAfter(now)) {
            problems.add(new ConfigProblem("due", "the due date must be in the future, was " + dueAt));
        }
        UsageWindow window = null;
        try {
            window = UsageWindow.of(request.since() == null && request.until() == null ? now.minus(config.defaultWindow())
                    : request.since(), request.until(), now);
        } catch (IllegalArgumentException e) {
            problems.add(new ConfigProblem("window", e.getMessage()));
        }
        if (!problems.isEmpty()) {
            throw new PolicyValidationException(problems);
        }
        List<IdentityOverview> identities = policy.identityOverviews(now).stream()
                .filter(overview -> overview.effectiveStatus() != IdentityStatus.REVOKED)
                .toList();
        Map<String, List<GrantDefinition>> grants = policy.grantsOf(identities.stream()
                .map(overview -> overview.definition().name()).toList());
        List<IdentityOverview> inScope = identities.stream()
                .filter(overview -> request.scope().covers(overview.definition(),
                        grants.getOrDefault(overview.definition().name(), List.of())))
                .toList();
        if (inScope.isEmpty()) {
            throw new PolicyValidationException(List.of(new ConfigProblem("scope",
                    "no identity that is not revoked is in scope " + request.scope())));
        }
        List<String> names = inScope.stream().map(overview -> overview.definition().name()).toList();
        Map<String, UsageEvidence> evidence = usage.of(names, window, grants);
        ReviewCampaign campaign = new ReviewCampaign("rc-" + UUID.randomUUID(), request.name().strip(), request.scope(),
                request.reviewers(), window.start(), window.end(), dueAt, caller.name(), now, null, null, null, null);
        List<ReviewItem> items = inScope.stream()
                .map(overview -> new ReviewItem("ri-" + UUID.randomUUID(), campaign.id(),
                        evidence(overview, grants.getOrDefault(overview.definition().name(), List.of()),
                                evidence.get(overview.definition().name())),
                        null, null, null, null, null, null))
                .toList();
        QuarkusTransaction.requiringNew().run(() -> campaigns.create(campaign, items));
        changeLog.record(caller, OBJECT, "started", new PolicyObjectKind.AuditSubject(null, null),
                "access review " + campaign.id() + " '" + campaign.name() + "' started over " + campaign.scope() + ": "
                        + items.size() + " identities, usage window " + campaign.windowSince() + " to "
                        + campaign.windowUntil() + ", due " + dueAt);
        LOG.infof("Access review %s started by %s over %s: %d identities, due %s", campaign.id(), caller.name(),
                campaign.scope(), items.size(), dueAt);
        return new CampaignDetails(campaign, items);
    }

    private static ReviewEvidence evidence(IdentityOverview overview, List<GrantDefinition> grants, UsageEvidence usage) {
        var identity = overview.definition();
        return new ReviewEvidence(identity.name(), identity.kind().declaredName(), identity.ownerTeam(),
                identity.ownerContact(), identity.purpose(), overview.effectiveStatus().declaredName(), identity.expiresAt(),
                overview.lastUsedAt(), grants, usage);
    }

    public List<CampaignDetails> list(AdminCaller caller) {
        requireRole(caller, "read access reviews", AdminRole.values());
        return QuarkusTransaction.requiringNew().call(() -> campaigns.campaigns().stream()
                .map(campaign -> new CampaignDetails(campaign, campaigns.items(campaign.id()))).toList());
    }

    public CampaignDetails get(AdminCaller caller, String campaignId) {
        requireRole(caller, "read access reviews", AdminRole.values());
        return QuarkusTransaction.requiringNew().call(() -> new CampaignDetails(find(campaignId), campaigns.items(campaignId)));
    }

    /**
     * Records one decision for the items asked for and applies each to the policy. Decided items are final: a change
     * of mind goes through the policy API. Items whose application failed say why in {@link ReviewItem#applied()}.
     */
    public List<ReviewItem> decide(AdminCaller caller, String campaignId, DecisionRequest request) {
        Instant now = clock.instant();
        List<ReviewItem> recorded = QuarkusTransaction.requiringNew().call(() -> record(caller, campaignId, request, now));
        List<ReviewItem> decided = new ArrayList<>();
        for (ReviewItem item : recorded) {
            String applied;
            try {
                applied = applier.apply(item);
            } catch (RuntimeException e) {
                applied = "failed: " + e.getMessage();
                LOG.warnf("Access review %s: applying '%s' to %s failed: %s", campaignId, item.decision().label(),
                        item.evidence().identity(), e.getMessage());
            }
            String outcome = applied;
            QuarkusTransaction.requiringNew().run(() -> campaigns.applied(item.id(), outcome));
            changeLog.record(caller, OBJECT, "decided", new PolicyObjectKind.AuditSubject(item.evidence().identity(), null),
                    "access review " + campaignId + ": " + item.decision().label() + " " + item.evidence().identity()
                            + (item.comment() == null ? "" : " (" + item.comment() + ")") + "; " + outcome);
            decided.add(new ReviewItem(item.id(), item.campaignId(), item.evidence(), item.decision(), item.comment(),
                    item.newExpiry(), item.decidedBy(), item.decidedAt(), outcome));
        }
        return decided;
    }

    private List<ReviewItem> record(AdminCaller caller, String campaignId, DecisionRequest request, Instant now) {
        ReviewCampaign campaign = campaigns.lockCampaign(campaignId)
                .orElseThrow(() -> new PolicyObjectNotFoundException("access review", campaignId));
        if (campaign.closedAt() != null) {
            throw new PolicyConflictException("access review " + campaignId + " was closed at " + campaign.closedAt()
                    + "; decisions are no longer taken");
        }
        if (request.decision() == null) {
            throw new PolicyValidationException(List.of(new ConfigProblem("decision", "decision is required: one of keep,"
                    + " revoke, narrow, shorten")));
        }
        List<ReviewItem> items = campaigns.items(campaignId);
        List<ReviewItem> chosen = request.allUndecided()
                ? items.stream().filter(item -> !item.decided()
                        && campaign.reviewers().mayDecide(caller, item.evidence().ownerTeam())).toList()
                : request.itemIds().stream().map(id -> items.stream().filter(item -> item.id().equals(id)).findFirst()
                        .orElseThrow(() -> new PolicyObjectNotFoundException("item of access review " + campaignId, id))).toList();
        if (chosen.isEmpty()) {
            throw new PolicyValidationException(List.of(new ConfigProblem("items", request.allUndecided()
                    ? "no undecided item is yours to decide" : "name the items to decide, or ask for all undecided ones")));
        }
        List<ReviewItem> recorded = new ArrayList<>();
        for (ReviewItem item : chosen) {
            check(caller, campaign, item, request, now);
            campaigns.decide(item.id(), request.decision(), blankAsNull(request.comment()), request.newExpiry(),
                    caller.name(), now);
            recorded.add(new ReviewItem(item.id(), campaignId, item.evidence(), request.decision(),
                    blankAsNull(request.comment()), request.newExpiry(), caller.name(), now, null));
        }
        return recorded;
    }

    private static void check(AdminCaller caller, ReviewCampaign campaign, ReviewItem item, DecisionRequest request,
                              Instant now) {
        String identity = item.evidence().identity();
        if (!campaign.reviewers().mayDecide(caller, item.evidence().ownerTeam())) {
            throw new NotPermittedException(caller.name() + " is not a reviewer of " + identity + " in access review "
                    + campaign.id() + " (reviewers: " + (campaign.reviewers().owningTeam() ? "owners of team "
                    + item.evidence().ownerTeam() + (campaign.reviewers().people().isEmpty() ? "" : ", ") : "")
                    + String.join(", ", campaign.reviewers().people()) + ")");
        }
        if (item.decided()) {
            throw new PolicyConflictException(identity + " was already decided (" + item.decision().label() + " by "
                    + item.decidedBy() + " at " + item.decidedAt() + "); decisions are final, change the policy instead");
        }
        if (request.decision() == ReviewDecision.SHORTEN) {
            Instant expiry = request.newExpiry();
            if (expiry == null || !expiry.isAfter(now) || !expiry.isBefore(item.evidence().expiresAt())) {
                throw new PolicyValidationException(List.of(new ConfigProblem("expires", "shorten needs a new expiry"
                        + " after now and before the current one (" + item.evidence().expiresAt() + ") of " + identity
                        + (expiry == null ? "" : ", was " + expiry))));
            }
        } else if (request.newExpiry() != null) {
            throw new PolicyValidationException(List.of(new ConfigProblem("expires", "only shorten takes an expiry")));
        }
    }

    /**
     * Closes the campaign and signs its report. Undecided items keep it open unless {@code force}, in which case
     * they are reported as undecided.
     */
    public String close(AdminCaller caller, String campaignId, boolean force) {
        requireRole(caller, "close an access review", AdminRole.ADMIN, AdminRole.REVIEWER);
        Instant now = clock.instant();
        String signed = QuarkusTransaction.requiringNew().call(() -> {
            ReviewCampaign campaign = campaigns.lockCampaign(campaignId)
                    .orElseThrow(() -> new PolicyObjectNotFoundException("access review", campaignId));
            if (campaign.closedAt() != null) {
                throw new PolicyConflictException("access review " + campaignId + " is already closed");
            }
            List<ReviewItem> items = campaigns.items(campaignId);
            long undecided = items.stream().filter(item -> !item.decided()).count();
            if (undecided > 0 && !force) {
                throw new PolicyConflictException("access review " + campaignId + " has " + undecided
                        + " undecided item(s); decide them, or close with force to report them as undecided");
            }
            ReviewCampaign closed = new ReviewCampaign(campaign.id(), campaign.name(), campaign.scope(),
                    campaign.reviewers(), campaign.windowSince(), campaign.windowUntil(), campaign.dueAt(),
                    campaign.createdBy(), campaign.createdAt(), now, caller.name(), campaign.remindedAt(),
                    campaign.escalatedAt());
            String report = signer.sign(ReviewReportBuilder.build(closed, items));
            campaigns.close(campaignId, now, caller.name(), report);
            return report;
        });
        ReviewReport report = signer.payload(signed);
        changeLog.record(caller, OBJECT, "closed", new PolicyObjectKind.AuditSubject(null, null),
                "access review " + campaignId + " closed: " + report.summary());
        return signed;
    }

    /** The signed report of a closed campaign (compact JWS). */
    public String signedReport(AdminCaller caller, String campaignId) {
        requireRole(caller, "read access-review reports", AdminRole.ADMIN, AdminRole.REVIEWER, AdminRole.AUDITOR);
        return QuarkusTransaction.requiringNew().call(() -> {
            find(campaignId);
            return campaigns.signedReport(campaignId).orElseThrow(() -> new PolicyConflictException(
                    "access review " + campaignId + " is still open; its report exists once it is closed"));
        });
    }

    public ReviewReport report(AdminCaller caller, String campaignId) {
        return signer.payload(signedReport(caller, campaignId));
    }

    private ReviewCampaign find(String campaignId) {
        return campaigns.campaign(campaignId).orElseThrow(() -> new PolicyObjectNotFoundException("access review", campaignId));
    }

    private static void requireRole(AdminCaller caller, String action, AdminRole... roles) {
        if (!caller.hasAnyRole(roles)) {
            throw new NotPermittedException(caller.name() + " may not " + action);
        }
    }

    private static String blankAsNull(String text) {
        return text == null || text.isBlank() ? null : text.strip();
    }

    /** A campaign with its items. */
    public record CampaignDetails(ReviewCampaign campaign, List<ReviewItem> items) {

        public long undecided() {
            return items.stream().filter(item -> !item.decided()).count();
        }
    }
}
