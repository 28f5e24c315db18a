package io.gatehouse.controlplane.lifecycle;

import java.time.Instant;

/**
 * What an owner (or the admins) is told about one automatic action or an upcoming one.
 *
 * @param actionId the action to undo, or {@code null} for a warning
 * @param teamContact the owner team's contact, or {@code null} when the team declares none (or is gone)
 */
public record LifecycleNotice(String action, Long actionId, String identity, String kind, String ownerTeam,
                              String ownerContact, String teamContact, String reason, Instant at, String undo) {

    /** How to reverse a recorded action, for the notice's reader. */
    public static String undoHint(long actionId) {
        return "an admin runs: gatehouse lifecycle undo " + actionId + " --reason '<why>'"
                + " (POST /api/v1/lifecycle/actions/" + actionId + "/undo)";
    }
}
