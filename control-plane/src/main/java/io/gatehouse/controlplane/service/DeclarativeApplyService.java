package io.gatehouse.controlplane.service;

import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.DeclarativeConfigWriter;
import io.gatehouse.controlplane.config.InvalidDeclarativeConfigException;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.AdminRole;
import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.PolicyDiff;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.ResourceDefinition;
import io.gatehouse.controlplane.domain.TeamDefinition;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Applies a declarative YAML document through the admin API: as a dry run (the diff only), merged
 * into the stored model (objects the file does not mention stay), or with prune (the stored model
 * becomes exactly the file). Same validation as at start-up and as every single-object write.
 */
@ApplicationScoped
public class DeclarativeApplyService {

    private final DeclarativeConfigLoader loader;
    private final PolicyModelReader reader;
    private final PolicyModelWriter writer;
    private final PolicyWriteLock lock;
    private final PolicyChangeLog changeLog;
    private final SnapshotPublisher publisher;

    public DeclarativeApplyService(DeclarativeConfigLoader loader, PolicyModelReader reader, PolicyModelWriter writer,
                                   PolicyWriteLock lock, PolicyChangeLog changeLog, SnapshotPublisher publisher) {
        this.loader = loader;
        this.reader = reader;
        this.writer = writer;
        this.lock = lock;
        this.changeLog = changeLog;
        this.publisher = publisher;
    }

    /** The diff from the stored model to the applied one; nothing is written on a dry run. */
    public PolicyDiff apply(AdminCaller caller, String yaml, boolean prune, boolean dryRun) {
        if (!caller.isAdmin()) {
            throw NotPermittedException.roleMissing(caller, "apply declarative config", AdminRole.ADMIN);
        }
        PolicyModel file = parse(yaml);
        PolicyDiff diff = QuarkusTransaction.requiringNew().call(() -> {
            if (!dryRun) {
                lock.acquire();
            }
            PolicyModel current = reader.read();
            PolicyModel target = prune ? file : validated(merge(current, file));
            PolicyDiff changes = PolicyDiff.between(current, target);
            if (!dryRun && !changes.isEmpty()) {
                writer.replaceWith(target);
                changeLog.record(caller, "config", "applied", new PolicyObjectKind.AuditSubject(null, null),
                        "declarative config applied" + (prune ? " with prune" : "") + ": "
                                + changes.count(PolicyDiff.Action.ADDED) + " added, "
                                + changes.count(PolicyDiff.Action.CHANGED) + " changed, "
                                + changes.count(PolicyDiff.Action.REMOVED) + " removed");
            }
            return changes;
        });
        if (!dryRun && !diff.isEmpty()) {
            publisher.refresh();
        }
        return diff;
    }

    /** The stored model as declarative YAML, which {@link #apply} takes back unchanged. */
    public String export() {
        return DeclarativeConfigWriter.toYaml(reader.read());
    }

    private PolicyModel parse(String yaml) {
        try {
            return loader.parse(yaml, "the submitted document");
        } catch (InvalidDeclarativeConfigException e) {
            throw new PolicyValidationException(e.details());
        }
    }

    /** Cross-object rules (unique path prefixes, binding overlaps) must hold for the merged model too. */
    private PolicyModel validated(PolicyModel merged) {
        try {
            return loader.parse(DeclarativeConfigWriter.document(merged), "the stored model merged with the submitted document");
        } catch (InvalidDeclarativeConfigException e) {
            throw new PolicyValidationException(e.details());
        }
    }

    private static PolicyModel merge(PolicyModel current, PolicyModel file) {
        return new PolicyModel(
                union(current.identities(), file.identities(), IdentityDefinition::name),
                union(current.resources(), file.resources(), ResourceDefinition::name),
                union(current.grants(), file.grants(), GrantDefinition::id),
                union(current.teams(), file.teams(), TeamDefinition::name));
    }

    private static <T> List<T> union(List<T> stored, List<T> submitted, Function<T, String> key) {
        Map<String, T> byKey = new LinkedHashMap<>();
        stored.forEach(object -> byKey.put(key.apply(object), object));
        submitted.forEach(object -> byKey.put(key.apply(object), object));
        return List.copyOf(byKey.values());
    }
}
