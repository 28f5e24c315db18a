package io.gatehouse.dataplane.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified tokens until they expire, so that a caller reusing its token costs no signature check.
 * Keyed by the token's SHA-256, so the cache holds no usable token. Bounded: when full it is
 * emptied, which only costs re-verification.
 */
public final class VerifiedTokenCache {

    /** A token's SHA-256: computed once per call, looked up and (on a miss) stored under. */
    static final class TokenDigest {

        private static final ThreadLocal<MessageDigest> SHA_256 = ThreadLocal.withInitial(TokenDigest::sha256);

        private final byte[] digest;
        private final int hash;

        private TokenDigest(byte[] digest) {
            this.digest = digest;
            this.hash = Arrays.hashCode(digest);
        }

        static TokenDigest of(String token) {
            return new TokenDigest(SHA_256.get().digest(token.getBytes(StandardCharsets.US_ASCII)));
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof TokenDigest that && MessageDigest.isEqual(digest, that.digest);
        }

        @Override
        public int hashCode() {
            return hash;
        }

        private static MessageDigest sha256() {
            try {
                return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Map<TokenDigest, CachedToken> byDigest = new ConcurrentHashMap<>();
    private final int maxEntries;

    public VerifiedTokenCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    CachedToken get(TokenDigest key, Instant now) {
        CachedToken cached = byDigest.get(key);
        if (cached != null && !now.isBefore(cached.token().expiresAt())) {
            byDigest.remove(key, cached);
            return null;
        }
        return cached;
    }

    CachedToken put(TokenDigest key, VerifiedToken verified) {
        if (byDigest.size() >= maxEntries) {
            byDigest.clear();
        }
        CachedToken cached = new CachedToken(verified);
        byDigest.put(key, cached);
        return cached;
    }
}
