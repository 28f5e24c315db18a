package io.gatehouse.dataplane.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Verified tokens until they expire, so that a caller reusing its token costs no signature check.
 * Keyed by the token's SHA-256, so the cache holds no usable token. Bounded: when full it is
 * emptied, which only costs re-verification.
 */
public final class VerifiedTokenCache {

    private final Map<String, CachedToken> byDigest = new ConcurrentHashMap<>();
    private final int maxEntries;

    public VerifiedTokenCache(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    CachedToken get(String token, Instant now) {
        String key = digest(token);
        CachedToken cached = byDigest.get(key);
        if (cached != null && !now.isBefore(cached.token().expiresAt())) {
            byDigest.remove(key, cached);
            return null;
        }
        return cached;
    }

    CachedToken put(String token, VerifiedToken verified) {
        if (byDigest.size() >= maxEntries) {
            byDigest.clear();
        }
        CachedToken cached = new CachedToken(verified);
        byDigest.put(digest(token), cached);
        return cached;
    }

    private static String digest(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.US_ASCII)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
