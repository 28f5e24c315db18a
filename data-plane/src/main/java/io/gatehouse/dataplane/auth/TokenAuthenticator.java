package io.gatehouse.dataplane.auth;

import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.policy.GatewayTokenTrust;
import io.gatehouse.dataplane.policy.Identity;
import io.gatehouse.dataplane.policy.PolicySnapshot;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import java.security.PublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Verifies a bearer JWT from an issuer that some trust binding names, and resolves it to one
 * identity. Only asymmetric signature algorithms are accepted; {@code none} and HMAC are refused.
 */
@ApplicationScoped
public class TokenAuthenticator {

    private static final AlgorithmConstraints ASYMMETRIC_ONLY = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512, AlgorithmIdentifiers.EDDSA);

    /** The control plane signs with ES256 only. */
    private static final AlgorithmConstraints GATEWAY_ALGORITHM = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    private static final JwtConsumer UNVERIFIED_PARSER = new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build();

    private static final int MAX_JWKS_BYTES = 256 * 1024;
    private static final long JWKS_FETCH_TIMEOUT_MILLIS = 5_000;
    private static final Duration JWKS_MAX_AGE = Duration.ofMinutes(15);

    private final JwksCache jwks;
    static final int VERIFIED_TOKEN_CACHE_ENTRIES = 50_000;

    private final VerifiedTokenCache verified;
    private final int clockSkewSeconds;
    private final int maxTokenSize;
    private final TokenHeaderRules headerRules;
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
        this.clockSkewSeconds = (int) clockSkew.toSeconds();
        this.maxTokenSize = maxTokenSize;
        this.headerRules = new TokenHeaderRules(acceptedTokenTypes);
    }

    public Future<AuthenticatedCaller> authenticate(String token, PolicySnapshot policy) {
        if (token.length() > maxTokenSize) {
            return Future.failedFuture(new AuthenticationException("bearer token is larger than " + maxTokenSize + " bytes"));
        }
        Instant now = clock.instant();
        CachedToken cached = verified.get(token, now);
        if (cached != null) {
            return Future.succeededFuture(cached.caller(policy, this::toCaller));
        }
        JwtContext unverified;
        String issuer;
        try {
            unverified = UNVERIFIED_PARSER.process(token);
            issuer = unverified.getJwtClaims().getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            return Future.failedFuture(new AuthenticationException("bearer token is not a well-formed JWT"));
        }
        try {
            headerRules.check(unverified.getJoseObjects().get(0));
        } catch (AuthenticationException e) {
            return Future.failedFuture(e);
        }
        if (policy.gatewayTokens().issues(issuer)) {
            return authenticateGatewayToken(token, unverified, policy);
        }
        if (issuer == null || !policy.trusts(issuer)) {
            return Future.failedFuture(new AuthenticationException("token issuer is not trusted by any identity"));
        }
        String keyId = unverified.getJoseObjects().get(0).getKeyIdHeaderValue();
        return jwks.keysIncluding(issuer, keyId)
                .recover(failure -> Future.failedFuture(new IssuerUnavailableException(issuer)))
                .map(keys -> {
                    VerifiedToken checked = verify(unverified, issuer, keys);
                    return verified.put(token, checked).caller(policy, this::toCaller);
                });
    }

    /** A token of the control plane's token endpoint: checked with the keys that came with the signed snapshot. */
    private Future<AuthenticatedCaller> authenticateGatewayToken(String token, JwtContext unverified, PolicySnapshot policy) {
        GatewayTokenTrust trust = policy.gatewayTokens();
        String keyId = unverified.getJoseObjects().get(0).getKeyIdHeaderValue();
        Optional<PublicKey> key = trust.key(keyId);
        if (key.isEmpty()) {
            return Future.failedFuture(new AuthenticationException("gateway token is signed by a key the control plane does not publish"));
        }
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                .setRequireSubject()
                .setIssuedAtRestrictions(clockSkewSeconds, Integer.MAX_VALUE)
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .setExpectedIssuer(trust.issuer())
                .setExpectedAudience(trust.audience())
                .setJwsAlgorithmConstraints(GATEWAY_ALGORITHM)
                .setVerificationKey(key.get())
                .build();
        try {
            consumer.processContext(unverified);
            JwtClaims claims = unverified.getJwtClaims();
            VerifiedToken checked = new VerifiedToken(trust.issuer(), Set.copyOf(claims.getAudience()), claims.getClaimsMap(),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
            AuthenticatedCaller caller = toCaller(checked, policy);
            verified.put(token, checked).caller(policy, (ignored, samePolicy) -> caller);
            return Future.succeededFuture(caller);
        } catch (InvalidJwtException e) {
            return Future.failedFuture(new AuthenticationException(describe(e)));
        } catch (MalformedClaimException e) {
            return Future.failedFuture(new AuthenticationException("bearer token has malformed claims"));
        } catch (AuthenticationException e) {
            return Future.failedFuture(e);
        }
    }

    private VerifiedToken verify(JwtContext unverified, String issuer, List<JsonWebKey> keys) {
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setRequireExpirationTime()
                // a token "issued" in the future is forged or from a broken clock; exp already bounds the past
                .setIssuedAtRestrictions(clockSkewSeconds, Integer.MAX_VALUE)
                .setAllowedClockSkewInSeconds(clockSkewSeconds)
                .setExpectedIssuer(issuer)
                .setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(ASYMMETRIC_ONLY)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys))
                .build();
        try {
            consumer.processContext(unverified);
            JwtClaims claims = unverified.getJwtClaims();
            Set<String> audiences = new HashSet<>(claims.hasAudience() ? claims.getAudience() : List.of());
            return new VerifiedToken(issuer, Set.copyOf(audiences), claims.getClaimsMap(),
                    Instant.ofEpochSecond(claims.getExpirationTime().getValue()));
        } catch (InvalidJwtException e) {
            throw new AuthenticationException(describe(e));
        } catch (MalformedClaimException e) {
            throw new AuthenticationException("bearer token has malformed claims");
        }
    }

    private static String describe(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "bearer token has expired";
        }
        if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID)
                || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_MISSING)) {
            return "bearer token signature is not valid";
        }
        return "bearer token was refused: it is not signed by a known key of its issuer with an allowed algorithm, or its time claims are not valid";
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
