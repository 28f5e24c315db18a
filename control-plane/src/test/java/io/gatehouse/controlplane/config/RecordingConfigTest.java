package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.PolicyDiff;
import io.gatehouse.controlplane.domain.PolicyModel;
import io.gatehouse.controlplane.domain.RecordingLevel;
import io.gatehouse.controlplane.domain.RecordingPolicy;
import io.gatehouse.controlplane.domain.SpoolFullPolicy;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RecordingConfigTest {

    private final DeclarativeConfigLoader loader = new DeclarativeConfigLoader();

    @Test
    void aResourceWithoutRecordingHasTheDefaultsAndExportsNoBlock() {
        PolicyModel model = loader.parse(resourceWith(""), "recording.yaml");

        assertEquals(RecordingPolicy.DEFAULT, model.resources().get(0).recording());
        assertEquals(new RecordingPolicy(RecordingLevel.METADATA, List.of(), 4096, SpoolFullPolicy.REFUSE), RecordingPolicy.DEFAULT);
        assertFalse(DeclarativeConfigWriter.toYaml(model).contains("recording"));
    }

    @Test
    void everySettingIsReadWithHeaderNamesInLowerCase() {
        RecordingPolicy recording = loader.parse(resourceWith("""
                recording:
                      level: bodies
                      headers: [Content-Type, x-request-id, X-Request-Id]
                      bodyBytes: 8192
                      whenSpoolFull: best-effort
                """), "recording.yaml").resources().get(0).recording();

        assertEquals(new RecordingPolicy(RecordingLevel.BODIES, List.of("content-type", "x-request-id"), 8192,
                SpoolFullPolicy.BEST_EFFORT), recording);
    }

    @Test
    void theBlockSurvivesExportAndReimportAndAChangeOfItIsAChange() {
        PolicyModel model = loader.parse(resourceWith("""
                recording: {level: headers, headers: [content-type], whenSpoolFull: best-effort}
                """), "recording.yaml");

        String exported = DeclarativeConfigWriter.toYaml(model);
        PolicyModel reread = loader.parse(exported, "exported.yaml");

        assertEquals(model, reread);
        assertTrue(exported.contains("whenSpoolFull: best-effort"), exported);
        assertFalse(exported.contains("bodyBytes"), "defaults are left out: " + exported);
        PolicyDiff diff = PolicyDiff.between(reread, loader.parse(resourceWith("recording: {level: metadata}"), "x.yaml"));
        assertEquals(List.of(new PolicyDiff.Change(PolicyDiff.Action.CHANGED, "resource", "billing", "/billing -> http://billing")),
                diff.changes());
    }

    @Test
    void credentialHeadersAndTheInjectedHeaderAreNeverAllowedAndEveryMistakeIsReportedWithItsPath() {
        List<String> problems = assertThrows(InvalidDeclarativeConfigException.class, () -> loader.parse("""
                resources:
                  - name: a
                    pathPrefix: /a
                    upstream: http://a
                    credential: {injection: header, header: X-Upstream-Key}
                    recording: {level: headers, headers: [content-type, Authorization, Cookie, set-cookie, x-upstream-key]}
                  - name: b
                    pathPrefix: /b
                    upstream: http://b
                    credential: {injection: bearer}
                    recording: {level: everything, whenSpoolFull: open, bodyBytes: 100000, keep: forever}
                  - name: c
                    pathPrefix: /c
                    upstream: http://c
                    credential: {injection: bearer}
                    recording: {headers: [content-type], bodyBytes: 10}
                  - name: d
                    pathPrefix: /d
                    upstream: http://d
                    credential: {injection: bearer}
                    recording: {level: bodies, bodyBytes: 0, headers: ["bad header"]}
                """, "recording.yaml")).problems();

        assertEquals(List.of(
                "resources[0].recording.headers: never recorded, as they may carry credentials: [Authorization, Cookie,"
                        + " set-cookie, x-upstream-key]; remove them from the list (the caller's token and the injected"
                        + " credential are never recorded)",
                "resources[1].recording.keep: unknown key (allowed: level, headers, bodyBytes, whenSpoolFull)",
                "resources[1].recording.level: unknown value 'everything' (allowed: metadata, headers, bodies)",
                "resources[1].recording.whenSpoolFull: unknown value 'open' (allowed: refuse, best-effort)",
                "resources[1].recording.bodyBytes: must be between 1 and 65536, was 100000",
                "resources[2].recording.headers: only recorded at level headers or bodies; set level: headers, or remove headers",
                "resources[2].recording.bodyBytes: only used at level bodies; set level: bodies, or remove bodyBytes",
                "resources[3].recording.headers: invalid header name(s) [bad header]",
                "resources[3].recording.bodyBytes: must be between 1 and 65536, was 0"), problems);
    }

    @Test
    void headerNamesThatLookLikeCredentialsMayNotBeRecorded() {
        for (String name : List.of("X-Api-Key", "x-auth-token", "X-Session-Id", "proxy-authorization", "x-amz-signature")) {
            assertTrue(RecordingPolicy.mayCarryCredential(name), name);
        }
        for (String name : List.of("content-type", "x-request-id", "accept", "user-agent")) {
            assertFalse(RecordingPolicy.mayCarryCredential(name), name);
        }
    }

    private static String resourceWith(String recording) {
        return """
                resources:
                  - name: billing
                    pathPrefix: /billing
                    upstream: http://billing
                    credential: {injection: bearer}
                    %s
                """.formatted(recording);
    }
}
