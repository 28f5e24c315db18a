package io.gatehouse.controlplane.lifecycle;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** What the automatic lifecycle did to an identity (or one of its client secrets). */
public enum LifecycleActionType {
    SUSPENDED("suspended", true),
    REVOKED("revoked", true),
    CLIENT_SECRET_REVOKED("client-secret-revoked", true),
    FLAGGED_ORPHAN("flagged-orphan", true),
    /** The owner team exists again; a record, nothing to undo. */
    ORPHAN_FLAG_CLEARED("orphan-flag-cleared", false);

    private final String apiName;
    private final boolean undoable;

    LifecycleActionType(String apiName, boolean undoable) {
        this.apiName = apiName;
        this.undoable = undoable;
    }

    public String apiName() {
        return apiName;
    }

    public boolean undoable() {
        return undoable;
    }

    public static Optional<LifecycleActionType> fromApiName(String name) {
        return Arrays.stream(values()).filter(type -> type.apiName.equals(name)).findFirst();
    }

    public static List<String> apiNames() {
        return Arrays.stream(values()).map(LifecycleActionType::apiName).toList();
    }
}
