package io.gatehouse.dataplane.auth;

import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Public signing keys per issuer, found through OIDC discovery. Keys are kept for
 * {@code maxAge}; a token with an unknown key id triggers a refetch, at most once per
 * {@code refetchInterval} per issuer so that forged key ids cannot make us hammer the issuer.
 * Only asymmetric keys are kept: HMAC keys published by an issuer are ignored.
 */
public final class JwksCache {

    private static final Logger LOG = Logger.getLogger(JwksCache.class);

    private final HttpJsonFetcher fetcher;
    private final Duration refetchInterval;
    private final Duration maxAge;
    private final Clock clock;
    private final Map<String, IssuerKeys> byIssuer = new ConcurrentHashMap<>();

    public JwksCache(HttpJsonFetcher fetcher, Duration refetchInterval, Duration maxAge, Clock clock) {
        this.fetcher = fetcher;
        this.refetchInterval = refetchInterval;
        this.maxAge = maxAge;
        this.clock = clock;
    }

    /** The issuer's keys; fetched if absent or older than the maximum age. */
    public Future<List<JsonWebKey>> keys(String issuer) {
        IssuerKeys cached = byIssuer.get(issuer);
        if (cached != null && isFresh(cached)) {
            return cached.keys;
        }
        return fetch(issuer);
    }

    /** Refetches because a token names a key we do not hold, unless the last fetch is too recent. */
    public Future<List<JsonWebKey>> keysIncluding(String issuer, String keyId) {
        IssuerKeys current = byIssuer.get(issuer);
        if (current != null && current.keys.succeeded() && publishes(current.keys.result(), keyId) && isFresh(current)) {
            // the common case, answered without composing futures: every verification on a cache miss asks
            return current.keys;
        }
        return keys(issuer).compose(keys -> {
            if (publishes(keys, keyId)) {
                return Future.succeededFuture(keys);
            }
            IssuerKeys cached = byIssuer.get(issuer);
            if (cached != null && cached.fetchedAt.plus(refetchInterval).isAfter(clock.instant())) {
                return Future.succeededFuture(keys);
            }
            return fetch(issuer);
        });
    }

    private boolean isFresh(IssuerKeys cached) {
        return cached.fetchedAt.plus(maxAge).isAfter(clock.instant());
    }

    private static boolean publishes(List<JsonWebKey> keys, String keyId) {
        if (keyId == null) {
            return true;
        }
        for (JsonWebKey key : keys) {
            if (keyId.equals(key.getKeyId())) {
                return true;
            }
        }
        return false;
    }

    private Future<List<JsonWebKey>> fetch(String issuer) {
        Instant now = clock.instant();
        Future<List<JsonWebKey>> keys = fetcher.get(trimSlash(issuer) + "/.well-known/openid-configuration")
                .compose(discovery -> {
                    String jwksUri = discovery.getString("jwks_uri");
                    if (jwksUri == null || !issuer.equals(discovery.getString("issuer"))) {
                        return Future.failedFuture("discovery document of " + issuer + " has no jwks_uri or names another issuer");
                    }
                    return fetcher.get(jwksUri);
                })
                .map(JwksCache::asymmetricKeys);
        IssuerKeys entry = new IssuerKeys(keys, now);
        byIssuer.put(issuer, entry);
        keys.onFailure(failure -> {
            LOG.warnf("Could not fetch the signing keys of issuer %s: %s", issuer, failure.getMessage());
            byIssuer.remove(issuer, entry);
        });
        return keys;
    }

    private static List<JsonWebKey> asymmetricKeys(JsonObject jwks) {
        try {
            return new JsonWebKeySet(jwks.encode()).getJsonWebKeys().stream()
                    .filter(key -> key instanceof RsaJsonWebKey || key instanceof EllipticCurveJsonWebKey
                            || key instanceof OctetKeyPairJsonWebKey)
                    .filter(key -> key.getUse() == null || "sig".equals(key.getUse()))
                    .toList();
        } catch (JoseException e) {
            throw new IllegalStateException("malformed JWKS: " + e.getMessage());
        }
    }

    private static String trimSlash(String issuer) {
        return issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    }

    private record IssuerKeys(Future<List<JsonWebKey>> keys, Instant fetchedAt) {
    }
}
