package io.gatehouse.approval.slack;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;

/** The Slack messages posted about approvals (table {@code slack_message}). Callers run inside a transaction. */
@ApplicationScoped
public class SlackMessageRepository implements PanacheRepositoryBase<SlackMessageEntity, String> {
}
