package io.gatehouse.controlplane.repository;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.domain.review.ReviewCampaign;
import io.gatehouse.controlplane.domain.review.ReviewDecision;
import io.gatehouse.controlplane.domain.review.ReviewEvidence;
import io.gatehouse.controlplane.domain.review.ReviewItem;
import io.gatehouse.controlplane.domain.review.ReviewScope;
import io.gatehouse.controlplane.domain.review.Reviewers;
import io.gatehouse.controlplane.model.ReviewCampaignEntity;
import io.gatehouse.controlplane.model.ReviewItemEntity;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Campaigns and their items in PostgreSQL; reviewers and evidence are stored as JSON documents. */
@ApplicationScoped
public class ReviewCampaignRepository {

    private final ObjectMapper json;

    public ReviewCampaignRepository(ObjectMapper json) {
        this.json = json;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void create(ReviewCampaign campaign, List<ReviewItem> items) {
        ReviewCampaignEntity entity = new ReviewCampaignEntity();
        entity.id = campaign.id();
        entity.name = campaign.name();
        entity.scope = campaign.scope().toString();
        entity.reviewers = write(campaign.reviewers());
        entity.windowSince = campaign.windowSince();
        entity.windowUntil = campaign.windowUntil();
        entity.dueAt = campaign.dueAt();
        entity.createdBy = campaign.createdBy();
        entity.createdAt = campaign.createdAt();
        entity.persist();
        for (ReviewItem item : items) {
            ReviewItemEntity row = new ReviewItemEntity();
            row.id = item.id();
            row.campaignId = campaign.id();
            row.identity = item.evidence().identity();
            row.ownerTeam = item.evidence().ownerTeam();
            row.evidence = write(item.evidence());
            row.persist();
        }
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ReviewCampaign> campaign(String id) {
        return ReviewCampaignEntity.<ReviewCampaignEntity>findByIdOptional(id).map(this::toDomain);
    }

    /** The campaign locked for this transaction, so that decisions and closing do not interleave. */
    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<ReviewCampaign> lockCampaign(String id) {
        return Optional.ofNullable(ReviewCampaignEntity.getEntityManager()
                .find(ReviewCampaignEntity.class, id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)).map(this::toDomain);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<ReviewCampaign> campaigns() {
        return ReviewCampaignEntity.<ReviewCampaignEntity>listAll(Sort.descending("createdAt")).stream().map(this::toDomain).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<ReviewCampaign> openCampaigns() {
        return ReviewCampaignEntity.<ReviewCampaignEntity>list("closedAt is null", Sort.ascending("dueAt")).stream()
                .map(this::toDomain).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public List<ReviewItem> items(String campaignId) {
        return ReviewItemEntity.<ReviewItemEntity>list("campaignId", Sort.ascending("identity"), campaignId).stream()
                .map(this::toDomain).toList();
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void decide(String itemId, ReviewDecision decision, String comment, Instant newExpiry, String decidedBy,
                       Instant decidedAt) {
        ReviewItemEntity item = ReviewItemEntity.findById(itemId);
        item.decision = decision.label();
        item.comment = comment;
        item.newExpiry = newExpiry;
        item.decidedBy = decidedBy;
        item.decidedAt = decidedAt;
        item.applied = null;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void applied(String itemId, String applied) {
        ReviewItemEntity.<ReviewItemEntity>findByIdOptional(itemId).ifPresent(item -> item.applied = applied);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void close(String campaignId, Instant closedAt, String closedBy, String signedReport) {
        ReviewCampaignEntity campaign = ReviewCampaignEntity.findById(campaignId);
        campaign.closedAt = closedAt;
        campaign.closedBy = closedBy;
        campaign.report = signedReport;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public Optional<String> signedReport(String campaignId) {
        return ReviewCampaignEntity.<ReviewCampaignEntity>findByIdOptional(campaignId).map(campaign -> campaign.report);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void reminded(String campaignId, Instant at) {
        ReviewCampaignEntity.<ReviewCampaignEntity>findByIdOptional(campaignId).ifPresent(campaign -> campaign.remindedAt = at);
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void escalated(String campaignId, Instant at) {
        ReviewCampaignEntity.<ReviewCampaignEntity>findByIdOptional(campaignId).ifPresent(campaign -> campaign.escalatedAt = at);
    }

    private ReviewCampaign toDomain(ReviewCampaignEntity entity) {
        return new ReviewCampaign(entity.id, entity.name, ReviewScope.parse(entity.scope), read(entity.reviewers, Reviewers.class),
                entity.windowSince, entity.windowUntil, entity.dueAt, entity.createdBy, entity.createdAt, entity.closedAt,
                entity.closedBy, entity.remindedAt, entity.escalatedAt);
    }

    private ReviewItem toDomain(ReviewItemEntity entity) {
        return new ReviewItem(entity.id, entity.campaignId, read(entity.evidence, ReviewEvidence.class),
                entity.decision == null ? null : ReviewDecision.fromLabel(entity.decision).orElseThrow(),
                entity.comment, entity.newExpiry, entity.decidedBy, entity.decidedAt, entity.applied);
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored " + type.getSimpleName() + " cannot be read: " + e.getOriginalMessage(), e);
        }
    }
}
