package io.gatehouse.dataplane.snapshot;

import io.gatehouse.dataplane.policy.Recording;
import io.gatehouse.proto.config.v1.RecordingLevel;
import io.gatehouse.proto.config.v1.Resource;
import io.gatehouse.proto.config.v1.SpoolFullPolicy;
import org.junit.jupiter.api.Test;

import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class RecordingMapperTest {

    @Test
    void aResourceWithoutRecordingHasTheDefaultsWhichFailClosed() {
        assertEquals(Recording.DEFAULT, RecordingMapper.recording(Resource.newBuilder().setName("r").build()));
    }

    @Test
    void everySettingIsTaken() {
        Resource resource = Resource.newBuilder().setName("r").setRecording(io.gatehouse.proto.config.v1.Recording.newBuilder()
                .setLevel(RecordingLevel.RECORDING_LEVEL_BODIES).addHeaders("Content-Type").setBodyBytes(100)
                .setWhenSpoolFull(SpoolFullPolicy.SPOOL_FULL_POLICY_BEST_EFFORT)).build();

        assertEquals(new Recording(Recording.Level.BODIES, Set.of("content-type"), 100, true), RecordingMapper.recording(resource));
    }

    @Test
    void anUnknownLevelOrAnOversizedCapRejectsTheSnapshotAndAnUnknownSpoolPolicyRefuses() {
        assertThrows(InvalidSnapshotException.class, () -> RecordingMapper.recording(withRecording(
                io.gatehouse.proto.config.v1.Recording.newBuilder().setLevelValue(99))));
        assertThrows(InvalidSnapshotException.class, () -> RecordingMapper.recording(withRecording(
                io.gatehouse.proto.config.v1.Recording.newBuilder().setBodyBytes(Recording.MAX_BODY_BYTES + 1))));
        assertEquals(false, RecordingMapper.recording(withRecording(
                io.gatehouse.proto.config.v1.Recording.newBuilder().setWhenSpoolFullValue(7))).bestEffortWhenSpoolFull());
    }

    private static Resource withRecording(io.gatehouse.proto.config.v1.Recording.Builder recording) {
        return Resource.newBuilder().setName("r").setRecording(recording).build();
    }
}
