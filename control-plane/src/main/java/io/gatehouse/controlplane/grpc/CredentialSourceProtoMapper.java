package io.gatehouse.controlplane.grpc;

import io.gatehouse.controlplane.domain.CredentialSource;
import io.gatehouse.proto.config.v1.StaticStoreSource;
import io.gatehouse.proto.config.v1.VaultDatabaseSource;
import io.gatehouse.proto.config.v1.VaultKvSource;
import io.gatehouse.proto.config.v1.VaultLeaseSource;

/** Maps where a resource's credential lives into the snapshot message. */
final class CredentialSourceProtoMapper {

    private CredentialSourceProtoMapper() {
    }

    static io.gatehouse.proto.config.v1.CredentialSource toProto(CredentialSource source) {
        io.gatehouse.proto.config.v1.CredentialSource.Builder message = io.gatehouse.proto.config.v1.CredentialSource.newBuilder();
        switch (source.kind()) {
            case STATIC_STORE -> message.setStaticStore(StaticStoreSource.getDefaultInstance());
            case VAULT_KV -> {
                VaultKvSource.Builder kv = VaultKvSource.newBuilder().setMount(source.mount()).setPath(source.path())
                        .addAllKeys(source.keys());
                if (source.version() != null) {
                    kv.setVersion(source.version());
                }
                message.setVaultKv(kv);
            }
            case VAULT_DATABASE -> message.setVaultDatabase(VaultDatabaseSource.newBuilder().setMount(source.mount())
                    .setRole(source.path()).addAllKeys(source.keys()));
            case VAULT_LEASE -> message.setVaultLease(VaultLeaseSource.newBuilder().setPath(source.path())
                    .addAllKeys(source.keys()));
        }
        if (source.ttl() != null) {
            message.setTtl(ProtoTime.duration(source.ttl()));
        }
        return message.build();
    }
}
