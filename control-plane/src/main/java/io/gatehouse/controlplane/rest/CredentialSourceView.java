package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.domain.CredentialSource;

import java.util.List;
import java.util.Locale;

/** Where a resource's credential lives, as the admin API shows it: a place, never a value. */
public record CredentialSourceView(String kind, String mount, String path, List<String> keys, Integer version,
                                   Long ttlSeconds) {

    static CredentialSourceView from(CredentialSource source) {
        return new CredentialSourceView(source.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
                source.mount(), source.path(), source.keys(), source.version(),
                source.ttl() == null ? null : source.ttl().toSeconds());
    }
}
