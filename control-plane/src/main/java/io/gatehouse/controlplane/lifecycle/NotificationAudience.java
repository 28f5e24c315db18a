package io.gatehouse.controlplane.lifecycle;

/** Who a notification is for: the owning team, or the admins when there is no team to tell. */
public enum NotificationAudience {
    OWNER,
    ADMINS
}
