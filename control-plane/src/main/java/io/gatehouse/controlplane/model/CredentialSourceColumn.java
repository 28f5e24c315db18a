package io.gatehouse.controlplane.model;

import io.gatehouse.controlplane.domain.CredentialSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The JSON stored in {@code resource.credential_source}. */
public class CredentialSourceColumn {

    public CredentialSource.Kind kind = CredentialSource.Kind.STATIC_STORE;
    public String mount;
    public String path;
    public List<String> keys = new ArrayList<>();
    public Integer version;
    public Long ttlMillis;

    public static CredentialSourceColumn of(CredentialSource source) {
        CredentialSourceColumn column = new CredentialSourceColumn();
        column.kind = source.kind();
        column.mount = source.mount();
        column.path = source.path();
        column.keys = new ArrayList<>(source.keys());
        column.version = source.version();
        column.ttlMillis = source.ttl() == null ? null : source.ttl().toMillis();
        return column;
    }

    public CredentialSource toDomain() {
        return new CredentialSource(kind, mount, path, keys, version, ttlMillis == null ? null : Duration.ofMillis(ttlMillis));
    }
}
