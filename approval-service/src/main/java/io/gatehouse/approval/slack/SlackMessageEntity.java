package io.gatehouse.approval.slack;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** Row of {@code slack_message}: where the bot posted the message about one approval. */
@Entity
@Table(name = "slack_message")
public class SlackMessageEntity {

    @Id
    @Column(name = "approval_id")
    private String approvalId;

    @Column(nullable = false)
    private String channel;

    @Column(nullable = false)
    private String ts;

    protected SlackMessageEntity() {
        // for JPA
    }

    static SlackMessageEntity of(String approvalId, String channel, String ts) {
        SlackMessageEntity entity = new SlackMessageEntity();
        entity.approvalId = approvalId;
        entity.channel = channel;
        entity.ts = ts;
        return entity;
    }

    String channel() {
        return channel;
    }

    String ts() {
        return ts;
    }
}
