package io.gatehouse.vaultbroker.repository;

import java.security.PublicKey;
import java.util.Optional;

/** Finds the public key that verifies tokens signed under a key id. */
@FunctionalInterface
public interface PublicKeyLookup {

    Optional<PublicKey> key(String kid);
}
