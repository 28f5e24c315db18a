package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.policy.GatewayTokenTrust;
import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwk.JsonWebKey;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Verifies a bearer JWT from an issuer that some trust binding names, and resolves it to one
 * identity. Only asymmetric signature algorithms are accepted; {@code none} and HMAC are refused.
 * A token is parsed once; its signature is checked with the JDK and a key of its issuer's JWKS.
 */
@ApplicationScoped
public class TokenAuthenticator {

    /** The control plane signs with ES256 only. */
    private static final JwsAlgorithm GATEWAY_ALGORITHM = JwsAlgorithm.ES256;

    private static final int MAX_JWKS_BYTES = 256 * 1024;
    private static final long JWKS_FETCH_TIMEOUT_MILLIS = 5_000;
    private static final Duration JWKS_MAX_AGE = Duration.ofMinutes(15);

    private final JwksCache jwks;
    static final int VERIFIED_TOKEN_CACHE_ENTRIES = 50_000;

    private final VerifiedTokenCache verified;
    private final int maxTokenSize;
    private final TokenHeaderRules headerRules;
    private final JwtVerifier verifier;
    private final Clock clock = Clock.systemUTC();

    @Inject
    public TokenAuthenticator(Vertx vertx, DataPlaneConfig config) {
        this(vertx, config.auth().jwksRefetchInterval(), config.auth().clockSkew(), config.auth().maxTokenSize(),
                config.auth().acceptedTokenTypes());
    }

    public TokenAuthenticator(Vertx vertx, Duration jwksRefetchInterval, Duration clockSkew, int maxTokenSize,
                              List<String> acceptedTokenTypes) {
        this(vertx, jwksRefetchInterval, clockSkew, maxTokenSize, acceptedTokenTypes, VERIFIED_TOKEN_CACHE_ENTRIES);
    }

    /** With a verified-token cache of {@code verifiedTokenCacheEntries} (the benchmark's cache misses need a small one). */
    public TokenAuthenticator(Vertx vertx, Duration jwksRefetchInterval, Duration clockSkew, int maxTokenSize,
                              List<String> acceptedTokenTypes, int verifiedTokenCacheEntries) {
        this.verified = new VerifiedTokenCache(verifiedTokenCacheEntries);
        this.jwks = new JwksCache(new HttpJsonFetcher(vertx, MAX_JWKS_BYTES, JWKS_FETCH_TIMEOUT_MILLIS),
                jwksRefetchInterval, JWKS_MAX_AGE, clock);
        this.maxTokenSize = maxTokenSize;
        this.headerRules = new TokenHeaderRules(acceptedTokenTypes);
        this.verifier = new JwtVerifier(new TokenTimeRules(clockSkew.toSeconds()), clock);
    }

    public Future<AuthenticatedCaller> authenticate(String token, PolicySnapshot policy) {
        if (token.length() > maxTokenSize) {
            return Future.failedFuture(new AuthenticationException("bearer token is larger than " + maxTokenSize + " bytes"));
        }
        VerifiedTokenCache.TokenDigest digest = VerifiedTokenCache.TokenDigest.of(token);
        CachedToken cached = verified.get(digest, clock.instant());
        if (cached != null) {
            return Future.succeededFuture(cached.caller(policy, this::toCaller));
        }
        CompactJwt jwt;
        String issuer;
        try {
            jwt = CompactJwt.parse(token);
            issuer = TokenClaims.string(jwt.claims(), "iss");
            headerRules.check(jwt.header());
        } catch (TokenClaims.MalformedClaimException e) {
            return Future.failedFuture(new AuthenticationException(TokenRefusals.MALFORMED));
        } catch (AuthenticationException e) {
            return Future.failedFuture(e);
        }
        if (policy.gatewayTokens().issues(issuer)) {
            return authenticateGatewayToken(digest, jwt, policy);
        }
        if (issuer == null || !policy.trusts(issuer)) {
            return Future.failedFuture(new AuthenticationException("token issuer is not trusted by any identity"));
        }
        Optional<JwsAlgorithm> algorithm = JwsAlgorithm.named(jwt.algorithm());
        if (algorithm.isEmpty()) {
            return Future.failedFuture(new AuthenticationException(TokenRefusals.REFUSED));
        }
        Future<List<JsonWebKey>> keys = jwks.keysIncluding(issuer, jwt.keyId());
        if (keys.succeeded()) {
            // the keys are at hand (the usual case): no future to compose
            return callerSignedWith(keys.result(), digest, jwt, algorithm.get(), issuer, policy);
        }
        return keys.recover(failure -> Future.failedFuture(new IssuerUnavailableException(issuer)))
                .compose(fetched -> callerSignedWith(fetched, digest, jwt, algorithm.get(), issuer, policy));
    }

    private Future<AuthenticatedCaller> callerSignedWith(List<JsonWebKey> keys, VerifiedTokenCache.TokenDigest digest, CompactJwt jwt,
                                                         JwsAlgorithm algorithm, String issuer, PolicySnapshot policy) {
        try {
            PublicKey key = VerificationKeys.select(keys, jwt.keyId(), algorithm)
                    .orElseThrow(() -> new AuthenticationException(TokenRefusals.REFUSED));
            VerifiedToken checked = verifier.verify(jwt, algorithm, key, issuer);
            return Future.succeededFuture(verified.put(digest, checked).caller(policy, this::toCaller));
        } catch (RuntimeException refused) {
            return Future.failedFuture(refused);
        }
    }

    /** A token of the control plane's token endpoint: checked with the keys that came with the signed snapshot. */
    private Future<AuthenticatedCaller> authenticateGatewayToken(VerifiedTokenCache.TokenDigest digest, CompactJwt jwt,
                                                                 PolicySnapshot policy) {
        GatewayTokenTrust trust = policy.gatewayTokens();
        Optional<PublicKey> key = trust.key(jwt.keyId());
        if (key.isEmpty()) {
            return Future.failedFuture(new AuthenticationException("gateway token is signed by a key the control plane does not publish"));
        }
        try {
            if (!GATEWAY_ALGORITHM.name().equals(jwt.algorithm()) || !GATEWAY_ALGORITHM.fits(key.get())) {
                throw new AuthenticationException(TokenRefusals.REFUSED);
            }
            VerifiedToken checked = verifier.verify(jwt, GATEWAY_ALGORITHM, key.get(), trust.issuer());
            if (!checked.audiences().contains(trust.audience()) || TokenClaims.string(checked.claims(), "sub") == null) {
                throw new AuthenticationException(TokenRefusals.REFUSED);
            }
            AuthenticatedCaller caller = toCaller(checked, policy);
            verified.put(digest, checked).caller(policy, (ignored, samePolicy) -> caller);
            return Future.succeededFuture(caller);
        } catch (TokenClaims.MalformedClaimException e) {
            return Future.failedFuture(new AuthenticationException(TokenRefusals.MALFORMED_CLAIMS));
        } catch (AuthenticationException e) {
            return Future.failedFuture(e);
        }
    }

    private AuthenticatedCaller toCaller(VerifiedToken token, PolicySnapshot policy) {
        Identity identity = policy.gatewayTokens().issues(token.issuer())
                ? policy.identity(String.valueOf(token.claims().get("sub")))
                        .orElseThrow(() -> new AuthenticationException("the identity this gateway token was issued to no longer exists"))
                : IdentityResolver.resolve(token, policy);
        Object subject = token.claims().get("sub");
        return new AuthenticatedCaller(identity, token.issuer(), subject instanceof String text ? text : null, token.expiresAt());
    }
}
