package io.gatehouse.vaultbroker.grpc;

import com.google.protobuf.Timestamp;

import java.time.Instant;

/** Instants in and out of protobuf messages. */
final class ProtoTimestamps {

    private ProtoTimestamps() {
    }

    static Timestamp of(Instant instant) {
        return Timestamp.newBuilder().setSeconds(instant.getEpochSecond()).setNanos(instant.getNano()).build();
    }
}
