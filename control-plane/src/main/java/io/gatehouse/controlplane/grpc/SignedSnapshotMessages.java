package io.gatehouse.controlplane.grpc;

import com.google.protobuf.ByteString;
import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.PolicySnapshot;
import io.gatehouse.controlplane.security.SigningKey;
import io.gatehouse.controlplane.security.SigningKeys;
import io.gatehouse.proto.config.v1.ConfigSnapshot;
import io.gatehouse.proto.config.v1.GatewayTokens;
import io.gatehouse.proto.config.v1.IdentityAssertions;
import io.gatehouse.proto.config.v1.SigningPublicKey;
import io.gatehouse.proto.config.v1.SnapshotSignature;
import io.gatehouse.proto.signing.SnapshotSigningInput;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The snapshot messages sent to data planes: with the control plane's public keys, how its
 * gateway tokens are recognised (what data planes need to trust both) and how identity assertions are
 * signed, signed once per
 * snapshot (every stream sends the same signed message, only the nonce differs, and the nonce is not
 * signed), so a large snapshot is encoded and signed once, not once per data plane. Every published signing key
 * (next, current, retired) is carried, so data planes know a key before anything signed by it arrives.
 */
@ApplicationScoped
public class SignedSnapshotMessages {

    private final SnapshotProtoMapper mapper;
    private final SigningKeys keys;
    private final GatewayTokens gatewayTokens;
    private final IdentityAssertions identityAssertions;
    private SignedMessage latest;

    public SignedSnapshotMessages(SnapshotProtoMapper mapper, SigningKeys keys, ControlPlaneConfig config) {
        this.mapper = mapper;
        this.keys = keys;
        this.gatewayTokens = GatewayTokens.newBuilder().setIssuer(config.tokens().issuer())
                .setAudience(config.tokens().audience()).build();
        this.identityAssertions = IdentityAssertions.newBuilder().setIssuer(config.identityAssertions().issuer())
                .setLifetime(ProtoTime.duration(config.identityAssertions().lifetime())).build();
    }

    public ConfigSnapshot forSending(PolicySnapshot snapshot, String nonce) {
        return signed(snapshot).toBuilder().setNonce(nonce).build();
    }

    private synchronized ConfigSnapshot signed(PolicySnapshot snapshot) {
        if (latest != null && latest.generation() == snapshot.generation() && latest.version().equals(snapshot.version())) {
            return latest.message();
        }
        ConfigSnapshot.Builder message = mapper.toProto(snapshot, "").toBuilder().setGatewayTokens(gatewayTokens)
                .setIdentityAssertions(identityAssertions);
        for (SigningKey key : keys.published()) {
            message.addSigningKeys(SigningPublicKey.newBuilder()
                    .setKeyId(key.kid())
                    .setAlgorithm(SigningKey.ALGORITHM)
                    .setPublicKey(ByteString.copyFrom(key.publicKey().getEncoded())));
        }
        SigningKeys.Signed signature = keys.sign(keys.snapshotSigner(), SnapshotSigningInput.of(message.build()));
        ConfigSnapshot signed = message.setSignature(SnapshotSignature.newBuilder()
                .setKeyId(signature.kid())
                .setSignature(ByteString.copyFrom(signature.signature()))).build();
        latest = new SignedMessage(snapshot.generation(), snapshot.version(), signed);
        return signed;
    }

    private record SignedMessage(long generation, String version, ConfigSnapshot message) {
    }
}
