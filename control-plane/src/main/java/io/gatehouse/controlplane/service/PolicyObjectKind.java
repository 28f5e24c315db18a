package io.gatehouse.controlplane.service;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatehouse.controlplane.domain.AdminCaller;
import io.gatehouse.controlplane.domain.PolicyModel;

import java.util.List;
import java.util.Optional;

/**
 * One kind of object of the policy model as the admin API edits it: how it is named, written as a
 * declarative entry, authorized, stored, and what still depends on it.
 */
public interface PolicyObjectKind<T> {

    /** Singular, for messages and audit kinds: "identity". */
    String label();

    /** The list of the declarative document holding these objects: "identities". */
    String section();

    String key(T object);

    List<T> all(PolicyModel model);

    default Optional<T> find(PolicyModel model, String key) {
        return all(model).stream().filter(object -> key(object).equals(key)).findFirst();
    }

    /** The object as an entry of the declarative document (also the admin API's write format). */
    ObjectNode toEntry(T object);

    /**
     * Makes a submitted entry fit for {@code key}: names an unnamed entry, and reports a name that
     * contradicts the key. Returns a problem message, or empty.
     */
    Optional<String> adoptKey(ObjectNode entry, String key);

    /** @throws NotPermittedException if {@code caller} may not turn {@code before} into {@code after} */
    void checkChange(AdminCaller caller, Optional<T> before, Optional<T> after, PolicyModel model);

    /** Descriptions of what refers to {@code object} and keeps it from being deleted. */
    List<String> dependents(T object, PolicyModel model);

    void store(PolicyModelWriter writer, Optional<T> before, Optional<T> after);

    /** What an audit record names: the identity and resource concerned, where there are such. */
    AuditSubject subject(T object);

    record AuditSubject(String identity, String resource) {
    }
}
