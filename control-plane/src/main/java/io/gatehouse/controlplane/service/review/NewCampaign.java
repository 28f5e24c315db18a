package io.gatehouse.controlplane.service.review;

import io.gatehouse.controlplane.domain.review.ReviewScope;
import io.gatehouse.controlplane.domain.review.Reviewers;

import java.time.Instant;

/**
 * What starting a campaign takes. {@code since}/{@code until} bound the usage window (null: the configured default
 * before now), {@code dueAt} null means the configured time from now.
 */
public record NewCampaign(String name, ReviewScope scope, Reviewers reviewers, Instant since, Instant until,
                          Instant dueAt) {
}
