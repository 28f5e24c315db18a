package io.gatehouse.proto.signing;

import com.google.protobuf.CodedOutputStream;
import io.gatehouse.proto.config.v1.ConfigSnapshot;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * The bytes a config snapshot's signature covers: the message without its per-send nonce and
 * without the signature itself, serialized deterministically (map entries sorted), so the control
 * plane that signs and the data plane that verifies produce the same bytes from the same content.
 */
public final class SnapshotSigningInput {

    private SnapshotSigningInput() {
    }

    public static byte[] of(ConfigSnapshot snapshot) {
        ConfigSnapshot signed = snapshot.toBuilder().clearNonce().clearSignature().build();
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(signed.getSerializedSize());
        try {
            CodedOutputStream out = CodedOutputStream.newInstance(bytes);
            out.useDeterministicSerialization();
            signed.writeTo(out);
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing to memory cannot fail", e);
        }
        return bytes.toByteArray();
    }
}
