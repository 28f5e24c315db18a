package io.gatehouse.dataplane.snapshot;

import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.PublicKey;
import java.security.interfaces.ECPublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The control-plane keys a data plane accepts snapshot signatures from, as a JWK Set: either pinned
 * by the operator (a copy of the control plane's {@code /.well-known/gatehouse/jwks.json}), or learned
 * from the first verified snapshot and kept in the state directory, like SSH's known hosts.
 */
final class SnapshotKeyStore {

    static final String LEARNED_FILE = "snapshot-keys.jwks.json";

    private final Map<String, PublicKey> keys = new ConcurrentHashMap<>();
    private final boolean pinned;
    private final Path learnedFile;

    private SnapshotKeyStore(boolean pinned, Path learnedFile) {
        this.pinned = pinned;
        this.learnedFile = learnedFile;
    }

    /** Keys pinned in {@code jwksFile}; nothing is ever learned. */
    static SnapshotKeyStore pinned(Path jwksFile) throws IOException {
        SnapshotKeyStore store = new SnapshotKeyStore(true, null);
        store.load(jwksFile);
        if (store.keys.isEmpty()) {
            throw new IOException("no EC signing key in " + jwksFile);
        }
        return store;
    }

    /** Keys learned earlier (none on a first start), kept in {@code stateDir}. */
    static SnapshotKeyStore learned(Path stateDir) throws IOException {
        SnapshotKeyStore store = new SnapshotKeyStore(false, stateDir.resolve(LEARNED_FILE));
        if (Files.exists(store.learnedFile)) {
            store.load(store.learnedFile);
        }
        return store;
    }

    boolean isPinned() {
        return pinned;
    }

    boolean isEmpty() {
        return keys.isEmpty();
    }

    Optional<PublicKey> key(String keyId) {
        return Optional.ofNullable(keys.get(keyId));
    }

    /** Adds keys (of a snapshot signed by a trusted key, or on first contact) and saves them; no-op when pinned. */
    void learn(Map<String, PublicKey> received) throws IOException {
        if (pinned || keys.keySet().containsAll(received.keySet())) {
            return;
        }
        keys.putAll(received);
        List<JsonWebKey> jwks = new ArrayList<>();
        for (Map.Entry<String, PublicKey> key : keys.entrySet()) {
            EllipticCurveJsonWebKey jwk = new EllipticCurveJsonWebKey((ECPublicKey) key.getValue());
            jwk.setKeyId(key.getKey());
            jwks.add(jwk);
        }
        Files.createDirectories(learnedFile.getParent());
        Path temporary = learnedFile.resolveSibling(LEARNED_FILE + ".tmp");
        Files.writeString(temporary, new JsonWebKeySet(jwks).toJson(), StandardCharsets.UTF_8);
        Files.move(temporary, learnedFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    String describe() {
        return pinned ? "the pinned keys " + keys.keySet() : "the keys learned from this control plane " + keys.keySet()
                + " (" + learnedFile + ")";
    }

    private void load(Path file) throws IOException {
        try {
            for (JsonWebKey jwk : new JsonWebKeySet(Files.readString(file, StandardCharsets.UTF_8)).getJsonWebKeys()) {
                if (jwk instanceof EllipticCurveJsonWebKey ec && jwk.getKeyId() != null) {
                    keys.put(jwk.getKeyId(), ec.getECPublicKey());
                }
            }
        } catch (JoseException e) {
            throw new IOException(file + " is not a JWK Set: " + e.getMessage(), e);
        }
    }
}
