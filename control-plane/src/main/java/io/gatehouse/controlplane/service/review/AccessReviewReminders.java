package io.gatehouse.controlplane.service.review;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.domain.review.ReviewCampaign;
import io.gatehouse.controlplane.domain.review.ReviewEvidence;
import io.gatehouse.controlplane.domain.review.ReviewItem;
import io.gatehouse.controlplane.lifecycle.LifecycleNotice;
import io.gatehouse.controlplane.lifecycle.NotificationAudience;
import io.gatehouse.controlplane.lifecycle.OwnerNotifications;
import io.gatehouse.controlplane.repository.ReviewCampaignRepository;
import io.gatehouse.controlplane.service.PeriodicJob;
import io.gatehouse.controlplane.service.PolicyChangeLog;
import io.gatehouse.controlplane.service.PolicyObjectKind;
import io.gatehouse.controlplane.service.PolicyWriteLock;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.transaction.Transactional;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Reminds the reviewers of open campaigns with undecided items {@code remind-before} their due date, and escalates
 * campaigns still undecided at their due date to the admins. Each reminder and escalation happens once per campaign:
 * it is recorded in the audit trail (which every SIEM forward carries), logged, and for each undecided identity a
 * notice goes to the lifecycle webhooks (owners' webhook for reminders, admins' for escalations), queued in the
 * sweep's transaction. Replicas take the policy write lock so that only one of them sends it.
 */
@ApplicationScoped
public class AccessReviewReminders {

    public static final String ACTOR = "gatehouse-access-review";
    private static final Logger LOG = Logger.getLogger(AccessReviewReminders.class);
    private static final AdminCaller SYSTEM = new AdminCaller(ACTOR, Set.of(AdminRole.ADMIN), Set.of());

    private final ReviewCampaignRepository campaigns;
    private final PolicyWriteLock lock;
    private final PolicyChangeLog changeLog;
    private final OwnerNotifications notifications;
    private final Clock clock;
    private final Duration remindBefore;
    private final Duration sweepInterval;
    private PeriodicJob sweeps;

    public AccessReviewReminders(ReviewCampaignRepository campaigns, PolicyWriteLock lock, PolicyChangeLog changeLog,
                                 OwnerNotifications notifications, Clock clock, ControlPlaneConfig config) {
        this.campaigns = campaigns;
        this.lock = lock;
        this.changeLog = changeLog;
        this.notifications = notifications;
        this.clock = clock;
        this.remindBefore = config.accessReviews().remindBefore();
        this.sweepInterval = config.accessReviews().sweepInterval();
    }

    void onStart(@Observes StartupEvent event) {
        sweeps = PeriodicJob.start("access-review-reminders", sweepInterval, "Checking access reviews for reminders", LOG,
                () -> sweep(clock.instant()));
    }

    void onStop(@Observes ShutdownEvent event) {
        if (sweeps != null) {
            sweeps.close();
        }
    }

    /** Sends the reminders and escalations due at {@code now}; returns what it sent, one line each. */
    @Transactional
    public List<String> sweep(Instant now) {
        lock.acquire();
        List<String> sent = new ArrayList<>();
        for (ReviewCampaign campaign : campaigns.openCampaigns()) {
            List<ReviewItem> undecided = campaigns.items(campaign.id()).stream().filter(item -> !item.decided()).toList();
            if (undecided.isEmpty()) {
                continue;
            }
            if (campaign.escalatedAt() == null && !now.isBefore(campaign.dueAt())) {
                campaigns.escalated(campaign.id(), now);
                notifyEach(undecided, NotificationAudience.ADMINS, "access-review.escalated", campaign, now);
                sent.add(send(campaign, "escalated", "access review " + campaign.id() + " '" + campaign.name()
                        + "' is overdue since " + campaign.dueAt() + " with " + undecided.size()
                        + " undecided item(s); admins: decide them or close it with force. Waiting on " + waitingOn(campaign, undecided)));
            } else if (campaign.remindedAt() == null && !now.isBefore(campaign.dueAt().minus(remindBefore))
                    && now.isBefore(campaign.dueAt())) {
                campaigns.reminded(campaign.id(), now);
                notifyEach(undecided, NotificationAudience.OWNER, "access-review.reminder", campaign, now);
                sent.add(send(campaign, "reminded", "access review " + campaign.id() + " '" + campaign.name() + "' is due "
                        + campaign.dueAt() + "; " + undecided.size() + " item(s) undecided. Waiting on "
                        + waitingOn(campaign, undecided)));
            }
        }
        return sent;
    }

    /** Who still has to decide: each team's owners (with the team's contact) and the people named. */
    private static String waitingOn(ReviewCampaign campaign, List<ReviewItem> undecided) {
        Map<String, Long> byTeam = undecided.stream().collect(Collectors.groupingBy(item -> item.evidence().ownerTeam()
                + " <" + item.evidence().ownerContact() + ">", TreeMap::new, Collectors.counting()));
        List<String> parts = new ArrayList<>();
        if (campaign.reviewers().owningTeam()) {
            byTeam.forEach((team, count) -> parts.add("owners of team " + team + " (" + count + ")"));
        }
        campaign.reviewers().people().forEach(person -> parts.add(person));
        return String.join(", ", parts);
    }

    private void notifyEach(List<ReviewItem> undecided, NotificationAudience audience, String event,
                            ReviewCampaign campaign, Instant now) {
        for (ReviewItem item : undecided) {
            ReviewEvidence evidence = item.evidence();
            notifications.enqueue(audience, new LifecycleNotice(event, null, evidence.identity(), evidence.kind(),
                    evidence.ownerTeam(), evidence.ownerContact(), null, "access review '" + campaign.name()
                    + "' awaits a decision on this identity (due " + campaign.dueAt() + ")",
                    now, "decide it with: gatehouse reviews status " + campaign.id()), now);
        }
    }

    private String send(ReviewCampaign campaign, String action, String message) {
        changeLog.record(SYSTEM, "access-review", action, new PolicyObjectKind.AuditSubject(null, null), message);
        if (action.equals("escalated")) {
            LOG.warn(message);
        } else {
            LOG.info(message);
        }
        return message;
    }
}
