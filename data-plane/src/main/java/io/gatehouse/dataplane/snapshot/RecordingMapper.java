package io.gatehouse.dataplane.snapshot;

import io.gatehouse.dataplane.policy.Recording;
import io.gatehouse.proto.config.v1.Resource;
import io.gatehouse.proto.config.v1.SpoolFullPolicy;

import java.util.Set;

/** A resource's recording policy from the snapshot; absent means the defaults. */
final class RecordingMapper {

    private RecordingMapper() {
    }

    static Recording recording(Resource resource) {
        if (!resource.hasRecording()) {
            return Recording.DEFAULT;
        }
        io.gatehouse.proto.config.v1.Recording recording = resource.getRecording();
        Recording.Level level = switch (recording.getLevel()) {
            case RECORDING_LEVEL_UNSPECIFIED, RECORDING_LEVEL_METADATA -> Recording.Level.METADATA;
            case RECORDING_LEVEL_HEADERS -> Recording.Level.HEADERS;
            case RECORDING_LEVEL_BODIES -> Recording.Level.BODIES;
            case UNRECOGNIZED -> throw new InvalidSnapshotException("resource '" + resource.getName()
                    + "' has a recording level this data plane does not know");
        };
        int bodyBytes = recording.getBodyBytes() == 0 ? Recording.DEFAULT_BODY_BYTES : recording.getBodyBytes();
        if (bodyBytes < 0 || bodyBytes > Recording.MAX_BODY_BYTES) {
            throw new InvalidSnapshotException("resource '" + resource.getName() + "' records more than "
                    + Recording.MAX_BODY_BYTES + " body bytes");
        }
        // anything but an explicit best-effort fails closed
        boolean bestEffort = recording.getWhenSpoolFull() == SpoolFullPolicy.SPOOL_FULL_POLICY_BEST_EFFORT;
        return new Recording(level, Set.copyOf(recording.getHeadersList()), bodyBytes, bestEffort);
    }
}
