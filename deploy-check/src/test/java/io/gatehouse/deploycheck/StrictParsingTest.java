package io.gatehouse.deploycheck;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The parser refuses what the API server would refuse or silently drop. */
class StrictParsingTest {

    private final StrictManifestParser parser = new StrictManifestParser();

    private static String dataPlaneManifest() throws IOException {
        return Files.readString(Overlays.dir(Overlays.BASE).resolve("data-plane.yaml"));
    }

    @Test
    void theBaseFilesParseAsTheyAre() throws IOException {
        try (Stream<Path> files = Files.list(Overlays.dir(Overlays.BASE))) {
            List<Path> manifests = files.filter(f -> f.toString().endsWith(".yaml"))
                    .filter(f -> !f.getFileName().toString().equals("kustomization.yaml")).toList();
            assertTrue(manifests.size() >= 6, "base manifests: " + manifests);
            for (Path f : manifests) {
                assertTrue(!parser.parse(f.toString(), Files.readString(f)).isEmpty(), f + " has no objects");
            }
        }
    }

    @Test
    void aMisspelledFieldIsRejected() throws IOException {
        String yaml = dataPlaneManifest();
        assertTrue(yaml.contains("readinessProbe:"));
        String misspelled = yaml.replace("readinessProbe:", "readinesProbe:");
        ManifestException e = assertThrows(ManifestException.class, () -> parser.parse("misspelled", misspelled));
        assertTrue(e.getMessage().contains("unknown field 'readinesProbe' at spec.template.spec.containers[0].readinesProbe"), e.getMessage());
        assertTrue(e.getMessage().contains("Deployment 'data-plane'"), e.getMessage());
    }

    @Test
    void aMisspelledFieldDeepInAnObjectIsRejected() throws IOException {
        String misspelled = dataPlaneManifest().replace("containerPort: 8080", "containerPrt: 8080");
        ManifestException e = assertThrows(ManifestException.class, () -> parser.parse("nested", misspelled));
        assertTrue(e.getMessage().contains("unknown field 'containerPrt' at spec.template.spec.containers[0].ports[0].containerPrt"), e.getMessage());
    }

    @Test
    void aFieldAtTheWrongLevelIsRejected() {
        String yaml = """
                apiVersion: v1
                kind: Service
                metadata: {name: s}
                spec:
                  selector: {app: x}
                  targetPort: 8080
                  ports: [{port: 80}]
                """;
        ManifestException e = assertThrows(ManifestException.class, () -> parser.parse("level", yaml));
        assertTrue(e.getMessage().contains("targetPort"), e.getMessage());
    }

    @Test
    void aValueOfTheWrongTypeIsRejected() throws IOException {
        String wrong = dataPlaneManifest().replace("revisionHistoryLimit: 5", "revisionHistoryLimit: five");
        ManifestException e = assertThrows(ManifestException.class, () -> parser.parse("type", wrong));
        assertTrue(e.getMessage().contains("invalid value at spec.revisionHistoryLimit"), e.getMessage());
    }

    @Test
    void aDuplicatedKeyIsRejected() {
        String yaml = """
                apiVersion: v1
                kind: ConfigMap
                metadata: {name: c}
                data:
                  A: "1"
                  A: "2"
                """;
        assertThrows(ManifestException.class, () -> parser.parse("duplicate", yaml));
    }

    @Test
    void anUnsupportedApiVersionOrKindIsRejected() {
        String oldHpa = """
                apiVersion: autoscaling/v1
                kind: HorizontalPodAutoscaler
                metadata: {name: h}
                spec: {maxReplicas: 2, scaleTargetRef: {kind: Deployment, name: d}}
                """;
        ManifestException e = assertThrows(ManifestException.class, () -> parser.parse("old", oldHpa));
        assertTrue(e.getMessage().contains("unsupported"), e.getMessage());
        assertThrows(ManifestException.class, () -> parser.parse("unnamed", "apiVersion: v1\nkind: ConfigMap\n"));
    }

    @Test
    void aValidDocumentBecomesItsModelType() throws IOException {
        List<HasMetadata> objects = parser.parse("data-plane.yaml", dataPlaneManifest());
        Deployment d = assertInstanceOf(Deployment.class, objects.get(1));
        assertEquals("data-plane", d.getMetadata().getName());
        assertEquals("/q/health/ready", d.getSpec().getTemplate().getSpec().getContainers().get(0)
                .getReadinessProbe().getHttpGet().getPath());
    }
}
