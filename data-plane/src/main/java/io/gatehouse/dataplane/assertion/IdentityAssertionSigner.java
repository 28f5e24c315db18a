package io.gatehouse.dataplane.assertion;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.policy.IdentityAssertion;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.lang.JoseException;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Signs identity assertions (ES256 JWTs) for upstreams, and reuses each for half of its lifetime so the
 * common call costs no signature. Claims: {@code iss}, {@code sub} (the identity), {@code aud}, {@code iat},
 * {@code nbf}, {@code exp}, {@code jti}, {@code resource}, {@code team}, {@code data_plane}, and
 * {@code binding} ({@code iss} and {@code sub} of the caller's own token).
 */
@ApplicationScoped
public class IdentityAssertionSigner {

    /** Past this many cached assertions, expired ones are dropped; if none were, all are. */
    private static final int MAX_CACHED = 10_000;

    private final AssertionSigningKey key;
    private final String dataPlaneId;
    private final Clock clock;
    private final Map<CacheKey, Signed> cache = new ConcurrentHashMap<>();

    @Inject
    public IdentityAssertionSigner(AssertionSigningKey key, DataPlaneConfig config) {
        this(key, config.dataPlane().id(), Clock.systemUTC());
    }

    IdentityAssertionSigner(AssertionSigningKey key, String dataPlaneId, Clock clock) {
        this.key = key;
        this.dataPlaneId = dataPlaneId;
        this.clock = clock;
    }

    public String assertionFor(AssertionSubject subject, IdentityAssertion settings) {
        Instant now = clock.instant();
        CacheKey cacheKey = new CacheKey(subject, settings.audience(), settings.issuer(), settings.lifetime().toMillis());
        Signed cached = cache.get(cacheKey);
        if (cached != null && now.isBefore(cached.reuseUntil())) {
            return cached.token();
        }
        Signed signed = new Signed(sign(subject, settings, now), now.plus(settings.lifetime().dividedBy(2)));
        if (cache.size() >= MAX_CACHED) {
            evict(now);
        }
        cache.put(cacheKey, signed);
        return signed.token();
    }

    private void evict(Instant now) {
        cache.values().removeIf(entry -> !now.isBefore(entry.reuseUntil()));
        if (cache.size() >= MAX_CACHED) {
            cache.clear();
        }
    }

    private String sign(AssertionSubject subject, IdentityAssertion settings, Instant now) {
        JwtClaims claims = new JwtClaims();
        claims.setIssuer(settings.issuer());
        claims.setSubject(subject.identity());
        claims.setAudience(settings.audience());
        NumericDate issuedAt = NumericDate.fromSeconds(now.getEpochSecond());
        claims.setIssuedAt(issuedAt);
        claims.setNotBefore(issuedAt);
        claims.setExpirationTime(NumericDate.fromSeconds(now.plus(settings.lifetime()).getEpochSecond()));
        claims.setJwtId(UUID.randomUUID().toString());
        claims.setClaim("resource", subject.resource());
        if (subject.ownerTeam() != null && !subject.ownerTeam().isEmpty()) {
            claims.setClaim("team", subject.ownerTeam());
        }
        claims.setClaim("data_plane", dataPlaneId);
        Map<String, Object> binding = new LinkedHashMap<>();
        binding.put("iss", subject.tokenIssuer());
        if (subject.tokenSubject() != null) {
            binding.put("sub", subject.tokenSubject());
        }
        claims.setClaim("binding", binding);
        JsonWebSignature jws = new JsonWebSignature();
        jws.setPayload(claims.toJson());
        jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);
        jws.setKeyIdHeaderValue(key.kid());
        jws.setHeader("typ", "JWT");
        jws.setKey(key.privateKey());
        try {
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("cannot sign an identity assertion: " + e.getMessage(), e);
        }
    }

    private record CacheKey(AssertionSubject subject, String audience, String issuer, long lifetimeMillis) {
    }

    private record Signed(String token, Instant reuseUntil) {
    }
}
