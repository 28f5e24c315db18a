package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.review.ReviewCampaign;
import io.gatehouse.controlplane.domain.review.ReviewEvidence;
import io.gatehouse.controlplane.domain.review.ReviewItem;
import io.gatehouse.controlplane.service.review.AccessReviewService;

import java.time.Instant;
import java.util.List;

/** The JSON forms of access-review campaigns and their items. */
final class AccessReviewViews {

    private AccessReviewViews() {
    }

    /** A campaign; {@code items} is null in lists, where only the counts are shown. */
    public record CampaignView(String id, String name, String scope, ReviewersView reviewers, Instant since,
                               Instant until, Instant due, String state, String createdBy, Instant createdAt,
                               Instant closedAt, String closedBy, Instant remindedAt, Instant escalatedAt, int itemCount,
                               long undecided, List<ItemView> items) {

        static CampaignView of(AccessReviewService.CampaignDetails details, Instant now, boolean withItems) {
            ReviewCampaign campaign = details.campaign();
            return new CampaignView(campaign.id(), campaign.name(), campaign.scope().toString(),
                    new ReviewersView(campaign.reviewers().owningTeam(), campaign.reviewers().people()),
                    campaign.windowSince(), campaign.windowUntil(), campaign.dueAt(),
                    campaign.state(now).name().toLowerCase(java.util.Locale.ROOT), campaign.createdBy(),
                    campaign.createdAt(), campaign.closedAt(), campaign.closedBy(), campaign.remindedAt(),
                    campaign.escalatedAt(), details.items().size(), details.undecided(),
                    withItems ? details.items().stream().map(ItemView::of).toList() : null);
        }
    }

    public record ReviewersView(boolean owningTeam, List<String> people) {
    }

    /** One identity under review: the evidence in brief and in full ({@code usage}), and the decision. */
    public record ItemView(String id, String identity, String kind, String ownerTeam, String ownerContact,
                           String purpose, String status, Instant expiresAt, Instant lastUsedAt, boolean ghost,
                           long calls, long approvalsRequested, long maskedValues,
                           List<UsageEvidenceView.GrantedOperation> unusedOperations, List<GrantView> grants,
                           UsageEvidenceView usage, String decision, String comment, Instant newExpiry,
                           String decidedBy, Instant decidedAt, String applied) {

        static ItemView of(ReviewItem item) {
            ReviewEvidence evidence = item.evidence();
            UsageEvidenceView usage = UsageEvidenceView.from(evidence.usage());
            return new ItemView(item.id(), evidence.identity(), evidence.kind(), evidence.ownerTeam(),
                    evidence.ownerContact(), evidence.purpose(), evidence.status(), evidence.expiresAt(),
                    evidence.lastUsedAt(), evidence.ghost(), evidence.usage().calls(), evidence.approvalsRequested(),
                    evidence.maskedValues(), usage.unusedGrants(), evidence.grants().stream().map(GrantView::from).toList(),
                    usage, item.decision() == null ? null : item.decision().label(), item.comment(), item.newExpiry(),
                    item.decidedBy(), item.decidedAt(), item.applied());
        }
    }
}
