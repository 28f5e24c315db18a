package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.config.ConfigProblem;
import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.DeclarativeConfigWriter;
import io.gatehouse.controlplane.config.InvalidDeclarativeConfigException;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.IdentityDefinition;
import io.gatehouse.controlplane.domain.IdentityStatus;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Changes one object of the policy model at a time for the admin API. Each change runs in its own
 * transaction under the {@link PolicyWriteLock}: read the model, check the caller's precondition,
 * validate the whole model with the change exactly as a declarative file would be validated, check
 * the caller's permission, write, record it in the audit trail. After the commit the new snapshot
 * is published to the data planes.
 */
@ApplicationScoped
public class PolicyEditor {

    private final PolicyModelReader reader;
    private final PolicyModelWriter writer;
    private final DeclarativeConfigLoader validator;
    private final PolicyWriteLock lock;
    private final PolicyChangeLog changeLog;
    private final SnapshotPublisher publisher;

    public PolicyEditor(PolicyModelReader reader, PolicyModelWriter writer, DeclarativeConfigLoader validator,
                        PolicyWriteLock lock, PolicyChangeLog changeLog, SnapshotPublisher publisher) {
        this.reader = reader;
        this.writer = writer;
        this.validator = validator;
        this.lock = lock;
        this.changeLog = changeLog;
        this.publisher = publisher;
    }

    public <T> Versioned<T> get(PolicyObjectKind<T> kind, String key) {
        T object = kind.find(reader.read(), key).orElseThrow(() -> new PolicyObjectNotFoundException(kind.label(), key));
        return new Versioned<>(object, etag(kind, object), false);
    }

    public <T> String etag(PolicyObjectKind<T> kind, T object) {
        return EntityTags.of(kind.toEntry(object));
    }

    /**
     * Creates or replaces the object named {@code key} (null for a new grant, whose key follows from
     * its content) with the declarative {@code entry}. A grant whose operations change gets a new id.
     */
    public <T> Versioned<T> put(PolicyObjectKind<T> kind, AdminCaller caller, String key, JsonNode entry,
                                Precondition precondition) {
        if (entry == null || !entry.isObject()) {
            throw new PolicyValidationException(List.of(new ConfigProblem("", "the body must be one " + kind.label()
                    + " as a JSON or YAML mapping, in the shape of an entry of '" + kind.section() + "' in the declarative config")));
        }
        return publishAfter(() -> {
            lock.acquire();
            PolicyModel model = reader.read();
            Optional<T> before = key == null ? Optional.empty() : kind.find(model, key);
            precondition.check(kind.label(), key == null ? "(new)" : key, before.map(object -> etag(kind, object)));
            ObjectNode submitted = entry.deepCopy();
            if (key != null) {
                kind.adoptKey(submitted, key).ifPresent(problem -> {
                    throw new PolicyValidationException(List.of(new ConfigProblem("name", problem)));
                });
            }
            PolicyModel changed = validatedWith(kind, model, before, submitted);
            T after = locateNew(kind, model, before, changed);
            if (before.isEmpty() && key == null && kind.find(model, kind.key(after)).isPresent()) {
                throw new PolicyConflictException(kind.label() + " '" + kind.key(after) + "' already exists");
            }
            kind.checkChange(caller, before, Optional.of(after), model);
            if (before.isPresent() && before.get().equals(after)) {
                return new Versioned<>(after, etag(kind, after), false);
            }
            kind.store(writer, before, Optional.of(after));
            changeLog.record(caller, kind.label(), before.isPresent() ? "updated" : "created", kind.subject(after),
                    describe(kind, before, after));
            return new Versioned<>(after, etag(kind, after), before.isEmpty());
        });
    }

    /** Deletes the object; refused while other objects refer to it. */
    public <T> void delete(PolicyObjectKind<T> kind, AdminCaller caller, String key, Precondition precondition) {
        publishAfter(() -> {
            lock.acquire();
            PolicyModel model = reader.read();
            T before = kind.find(model, key).orElseThrow(() -> new PolicyObjectNotFoundException(kind.label(), key));
            precondition.check(kind.label(), key, Optional.of(etag(kind, before)));
            kind.checkChange(caller, Optional.of(before), Optional.empty(), model);
            List<String> dependents = kind.dependents(before, model);
            if (!dependents.isEmpty()) {
                throw new PolicyConflictException(kind.label() + " '" + key + "' is still used by " + dependents.size()
                        + " object(s); delete them first: " + String.join("; ", dependents));
            }
            kind.store(writer, Optional.of(before), Optional.empty());
            changeLog.record(caller, kind.label(), "deleted", kind.subject(before), kind.label() + " " + key + " deleted");
            return null;
        });
    }

    /** Suspends, revokes or re-activates an identity; {@code reason} goes to the audit trail. */
    public Versioned<IdentityDefinition> changeStatus(AdminCaller caller, String name, IdentityStatus status,
                                                      String reason, Precondition precondition) {
        PolicyObjectKind<IdentityDefinition> kind = PolicyObjectKinds.IDENTITIES;
        return publishAfter(() -> {
            lock.acquire();
            PolicyModel model = reader.read();
            IdentityDefinition before = kind.find(model, name)
                    .orElseThrow(() -> new PolicyObjectNotFoundException(kind.label(), name));
            precondition.check(kind.label(), name, Optional.of(etag(kind, before)));
            IdentityDefinition after = before.withStatus(status);
            kind.checkChange(caller, Optional.of(before), Optional.of(after), model);
            if (before.equals(after)) {
                return new Versioned<>(after, etag(kind, after), false);
            }
            kind.store(writer, Optional.of(before), Optional.of(after));
            String description = "status " + before.status().declaredName() + " -> " + status.declaredName()
                    + (reason == null || reason.isBlank() ? "" : ": " + reason);
            changeLog.record(caller, kind.label(), status.declaredName(), kind.subject(after), description);
            return new Versioned<>(after, etag(kind, after), false);
        });
    }

    /** The model with {@code submitted} in place of {@code before}, validated as a whole declarative document. */
    private <T> PolicyModel validatedWith(PolicyObjectKind<T> kind, PolicyModel model, Optional<T> before,
                                          ObjectNode submitted) {
        ObjectNode document = DeclarativeConfigWriter.document(model);
        // an empty section is left out of the document (teams, until the first is declared)
        ArrayNode section = document.has(kind.section()) ? (ArrayNode) document.get(kind.section())
                : document.putArray(kind.section());
        int index = before.map(object -> kind.all(model).indexOf(object)).orElse(section.size());
        if (index < section.size()) {
            section.set(index, submitted);
        } else {
            section.add(submitted);
        }
        String entryPath = kind.section() + "[" + index + "]";
        try {
            return validator.parse(document, "admin API");
        } catch (InvalidDeclarativeConfigException e) {
            throw new PolicyValidationException(e.details().stream().map(problem -> relativeTo(entryPath, problem)).toList());
        }
    }

    /** Problems of the submitted entry are reported relative to the body; others keep their document path. */
    private static ConfigProblem relativeTo(String entryPath, ConfigProblem problem) {
        String path = problem.path();
        if (path.equals(entryPath)) {
            return new ConfigProblem("", problem.message());
        }
        if (path.startsWith(entryPath + ".")) {
            return new ConfigProblem(path.substring(entryPath.length() + 1), problem.message());
        }
        return problem;
    }

    /** The object the change produced: in {@code changed} but not among the untouched objects of {@code model}. */
    private static <T> T locateNew(PolicyObjectKind<T> kind, PolicyModel model, Optional<T> before, PolicyModel changed) {
        Set<String> untouched = new HashSet<>();
        kind.all(model).stream().filter(object -> before.map(old -> !old.equals(object)).orElse(true))
                .forEach(object -> untouched.add(kind.key(object)));
        List<T> fresh = new ArrayList<>(kind.all(changed).stream().filter(object -> !untouched.contains(kind.key(object))).toList());
        if (fresh.size() != 1) {
            throw new PolicyConflictException("the " + kind.label() + " has the same key as another one: "
                    + fresh.size() + " candidates");
        }
        return fresh.get(0);
    }

    private static <T> String describe(PolicyObjectKind<T> kind, Optional<T> before, T after) {
        return before.isEmpty() ? kind.label() + " " + kind.key(after) + " created"
                : kind.label() + " " + kind.key(before.get()) + " replaced" + (kind.key(before.get()).equals(kind.key(after))
                ? "" : " by " + kind.key(after));
    }

    private <R> R publishAfter(Supplier<R> change) {
        R result = QuarkusTransaction.requiringNew().call(change::get);
        publisher.refresh();
        return result;
    }
}
