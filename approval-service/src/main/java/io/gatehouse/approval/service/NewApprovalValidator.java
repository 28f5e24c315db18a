package io.gatehouse.approval.service;

import io.gatehouse.approval.model.NewApproval;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.List;

/** Checks that a data plane's request names one call precisely enough to be approved. */
@ApplicationScoped
public class NewApprovalValidator {

    static final int MAX_DIGEST_LENGTH = 128;
    static final int MAX_QUORUM = 10;

    public void validate(NewApproval request) {
        List<String> problems = new ArrayList<>();
        requireText("identity", request.identity(), problems);
        requireText("resource", request.resource(), problems);
        requireText("request_digest", request.requestDigest(), problems);
        if (request.requestDigest() != null && request.requestDigest().length() > MAX_DIGEST_LENGTH) {
            problems.add("request_digest is longer than " + MAX_DIGEST_LENGTH + " characters");
        }
        if (request.quorum() < 0) {
            problems.add("quorum must not be negative");
        } else if (request.quorum() > MAX_QUORUM) {
            problems.add("quorum must not be greater than " + MAX_QUORUM);
        }
        if (!problems.isEmpty()) {
            throw new InvalidApprovalRequestException(String.join("; ", problems));
        }
    }

    /** The number of approvers required; an unset quorum means one. */
    public int effectiveQuorum(NewApproval request) {
        return Math.max(1, request.quorum());
    }

    private static void requireText(String field, String value, List<String> problems) {
        if (value == null || value.isBlank()) {
            problems.add(field + " is required");
        }
    }
}
