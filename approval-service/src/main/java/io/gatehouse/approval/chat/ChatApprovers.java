package io.gatehouse.approval.chat;

import io.gatehouse.approval.model.Approver;

import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Maps a chat user id to an approver by configuration: user id → name, user id → comma-separated groups. */
public final class ChatApprovers {

    private ChatApprovers() {
    }

    /** @return the approver, or {@code null} for a user not mapped to one */
    public static Approver of(String userId, Map<String, String> names, Map<String, String> groups) {
        String name = userId == null ? null : names.get(userId);
        if (name == null || name.isBlank()) {
            return null;
        }
        Set<String> groupSet = Arrays.stream(groups.getOrDefault(userId, "").split(","))
                .map(String::trim).filter(group -> !group.isEmpty()).collect(Collectors.toSet());
        return new Approver(name.trim(), groupSet);
    }
}
