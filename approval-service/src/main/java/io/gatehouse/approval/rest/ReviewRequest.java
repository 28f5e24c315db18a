package io.gatehouse.approval.rest;

/** Body of a review: whether the break-glass use was justified (required), and why. */
public record ReviewRequest(Boolean justified, String reason) {
}
