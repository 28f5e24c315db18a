package io.gatehouse.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ContainerPort;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Each service's Dockerfile runs the fast-jar as the non-root user and exposes the ports the manifests use. */
class DockerfileTest {

    static Path dockerfile(String service) {
        return Overlays.repoDir().resolve(service).resolve("src/main/docker/Dockerfile.jvm");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"control-plane", "data-plane", "vault-broker", "approval-service"})
    void matchesTheManifests(String service) throws Exception {
        Path path = dockerfile(service);
        assertTrue(Files.isRegularFile(path), "missing " + path);
        Dockerfile d = Dockerfile.read(path);
        assertEquals(1, d.from().size(), path + ": one stage, built from target/quarkus-app");
        ImageReference base = ImageReference.parse(d.from().get(0));
        assertTrue(base.pinned() && base.repository().contains("/") && base.repository().contains("."),
                path + ": base image must come from a named registry with a pinned tag: " + d.from());
        assertTrue(Files.readString(path).contains("target/quarkus-app/"), path + " does not copy the fast-jar layout");
        assertTrue(d.execFormEntrypoint() && d.entrypoint().contains("/deployments/quarkus-run.jar"),
                path + ": ENTRYPOINT must run quarkus-run.jar in exec form: " + d.entrypoint());
        assertTrue(d.numericUser() > 0, path + ": USER must be a numeric non-root uid, is " + d.user());

        for (String overlay : Overlays.DEPLOYABLE) {
            Workload w = Workload.in(Overlays.rendered(overlay)).stream().filter(x -> x.name().equals(service)).findFirst().orElseThrow();
            assertEquals(d.numericUser(), w.template().getSpec().getSecurityContext().getRunAsUser(),
                    overlay + " " + w.id() + " runAsUser differs from the image's USER");
            Set<Integer> ports = w.template().getSpec().getContainers().get(0).getPorts().stream()
                    .map(ContainerPort::getContainerPort).collect(Collectors.toSet());
            assertEquals(ports, d.exposed(), overlay + " " + w.id() + " container ports differ from EXPOSE in " + path);
        }
    }

    @Test
    void theParserSeesThroughContinuationsAndComments() {
        Dockerfile d = Dockerfile.parse(Path.of("x"), """
                # EXPOSE 1
                FROM registry.example.com/base:1.0 AS run
                ENV A=1 \\
                    B=2
                USER root
                EXPOSE 8080 \\
                       9090/tcp
                ENTRYPOINT java -jar app.jar
                """);
        assertEquals("registry.example.com/base:1.0", d.from().get(0));
        assertEquals(Set.of(8080, 9090), d.exposed());
        assertEquals(-1, d.numericUser(), "a user name cannot be checked by runAsNonRoot");
        assertTrue(!d.execFormEntrypoint(), "shell form runs through /bin/sh");
    }
}
