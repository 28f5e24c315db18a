package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.domain.RecordingPolicy;
import io.gatehouse.proto.config.v1.Recording;
import io.gatehouse.proto.config.v1.RecordingLevel;
import io.gatehouse.proto.config.v1.SpoolFullPolicy;

/** A resource's recording policy as the snapshot carries it. */
final class RecordingProtoMapper {

    private RecordingProtoMapper() {
    }

    static Recording toProto(RecordingPolicy recording) {
        return Recording.newBuilder()
                .setLevel(switch (recording.level()) {
                    case METADATA -> RecordingLevel.RECORDING_LEVEL_METADATA;
                    case HEADERS -> RecordingLevel.RECORDING_LEVEL_HEADERS;
                    case BODIES -> RecordingLevel.RECORDING_LEVEL_BODIES;
                })
                .addAllHeaders(recording.headers())
                .setBodyBytes(recording.bodyBytes())
                .setWhenSpoolFull(switch (recording.whenSpoolFull()) {
                    case REFUSE -> SpoolFullPolicy.SPOOL_FULL_POLICY_REFUSE;
                    case BEST_EFFORT -> SpoolFullPolicy.SPOOL_FULL_POLICY_BEST_EFFORT;
                })
                .build();
    }
}
