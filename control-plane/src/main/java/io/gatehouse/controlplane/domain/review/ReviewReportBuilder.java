package io.gatehouse.controlplane.domain.review;

import io.gatehouse.controlplane.domain.UsageEvidence;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/** Builds the report of a campaign from its items as decided. */
public final class ReviewReportBuilder {

    private ReviewReportBuilder() {
    }

    public static ReviewReport build(ReviewCampaign campaign, List<ReviewItem> items) {
        int kept = count(items, ReviewDecision.KEEP);
        int revoked = count(items, ReviewDecision.REVOKE);
        int narrowed = count(items, ReviewDecision.NARROW);
        int shortened = count(items, ReviewDecision.SHORTEN);
        long removed = items.stream().mapToLong(ReviewItem::permissionsRemoved).sum();
        int ghosts = (int) items.stream().filter(item -> item.evidence().ghost()).count();
        ReviewReport.Summary summary = new ReviewReport.Summary(items.size(), kept, revoked, narrowed, shortened,
                items.size() - kept - revoked - narrowed - shortened, removed, ghosts);
        return new ReviewReport(campaign.id(), campaign.name(), campaign.scope().toString(), campaign.windowSince(),
                campaign.windowUntil(), campaign.dueAt(), campaign.createdBy(), campaign.createdAt(), campaign.closedAt(),
                campaign.closedBy(), summary, items.stream().map(item -> entry(campaign, item)).toList());
    }

    private static int count(List<ReviewItem> items, ReviewDecision decision) {
        return (int) items.stream().filter(item -> item.decision() == decision).count();
    }

    private static ReviewReport.Entry entry(ReviewCampaign campaign, ReviewItem item) {
        ReviewEvidence evidence = item.evidence();
        String identity = encode(evidence.identity());
        String window = "from=" + encode(campaign.windowSince()) + "&to=" + encode(campaign.windowUntil());
        return new ReviewReport.Entry(evidence.identity(), evidence.ownerTeam(), evidence.ownerContact(),
                evidence.purpose(), evidence.expiresAt(), evidence.lastUsedAt(), evidence.usage().calls(), evidence.ghost(),
                evidence.usage().unusedGrants().stream().map(ReviewReportBuilder::describe).toList(),
                item.decision() == null ? "undecided" : item.decision().label(), item.comment(), item.newExpiry(),
                item.decidedBy(), item.decidedAt(), item.applied(), item.permissionsRemoved(),
                "/api/v1/audit/events?identity=" + identity + "&" + window,
                "/api/v1/identities/" + identity + "/usage?since=" + encode(campaign.windowSince()) + "&until="
                        + encode(campaign.windowUntil()));
    }

    private static String describe(UsageEvidence.GrantedOperation granted) {
        return granted.operation().method() + " " + granted.operation().resource() + " " + granted.operation().route();
    }

    private static String encode(Object value) {
        return URLEncoder.encode(String.valueOf(value), StandardCharsets.UTF_8);
    }
}
