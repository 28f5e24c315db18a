package io.gatehouse.controlplane.domain;

import java.util.Arrays;
import java.util.Optional;

/** What kind of automation an identity stands for. */
public enum IdentityKind {
    CI_JOB("ci-job"),
    SERVICE("service"),
    CRON("cron"),
    AGENT("agent"),
    OTHER("other");

    private final String declaredName;

    IdentityKind(String declaredName) {
        this.declaredName = declaredName;
    }

    /** The spelling used in the declarative YAML. */
    public String declaredName() {
        return declaredName;
    }

    public static Optional<IdentityKind> fromDeclaredName(String name) {
        return Arrays.stream(values()).filter(kind -> kind.declaredName.equals(name)).findFirst();
    }
}
