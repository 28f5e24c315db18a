package io.gatehouse.deploycheck;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Deliberately broken manifests from src/test/resources/invalid, parsed like an overlay. */
final class Fixtures {

    private Fixtures() {
    }

    static Manifests invalid(String file) {
        String resource = "/invalid/" + file;
        try (InputStream in = Fixtures.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("no test resource " + resource);
            }
            String yaml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return new Manifests(file, new StrictManifestParser().parse(resource, yaml));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The prod overlay with one object replaced by a patched copy (same kind and name). */
    static Manifests replacing(Manifests m, io.fabric8.kubernetes.api.model.HasMetadata replacement) {
        java.util.List<io.fabric8.kubernetes.api.model.HasMetadata> objects = new java.util.ArrayList<>();
        for (var o : m.all()) {
            objects.add(Manifests.id(o).equals(Manifests.id(replacement)) ? replacement : o);
        }
        return new Manifests(m.name() + "+" + Manifests.id(replacement), objects);
    }
}
