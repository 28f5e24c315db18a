package io.gatehouse.deploycheck;

import io.fabric8.kubernetes.api.model.HasMetadata;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** The objects of one rendered overlay, with lookups by type and name. */
public final class Manifests {

    private final String name;
    private final List<HasMetadata> objects;

    public Manifests(String name, List<HasMetadata> objects) {
        this.name = name;
        this.objects = List.copyOf(objects);
    }

    public String name() {
        return name;
    }

    public List<HasMetadata> all() {
        return objects;
    }

    public <T extends HasMetadata> List<T> of(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).collect(Collectors.toList());
    }

    public <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
        return of(type).stream().filter(o -> objectName.equals(o.getMetadata().getName())).findFirst();
    }

    public <T extends HasMetadata> T get(Class<T> type, String objectName) {
        return find(type, objectName).orElseThrow(() -> new AssertionError(
                name + ": no " + type.getSimpleName() + " named '" + objectName + "'"));
    }

    /** "Kind/name" of an object, for messages. */
    public static String id(HasMetadata object) {
        return object.getKind() + "/" + object.getMetadata().getName();
    }
}
