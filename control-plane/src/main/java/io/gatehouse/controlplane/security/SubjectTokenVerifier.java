package io.gatehouse.controlplane.security;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.VerifiedTokenClaims;
import jakarta.enterprise.context.ApplicationScoped;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.MalformedClaimException;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.ErrorCodes;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.jwx.JsonWebStructure;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;

import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Verifies an external OIDC token the way data planes verify their callers' tokens: its issuer must be one a trust
 * binding names, its signature must verify with a key of that issuer's JWKS (asymmetric algorithms only; never
 * {@code none} or HMAC), it must carry {@code exp}, and {@code exp}, {@code nbf} and {@code iat} must hold within
 * the clock skew. No critical header extension is understood. Audiences and claims are judged by the bindings.
 */
@ApplicationScoped
public class SubjectTokenVerifier {

    private static final AlgorithmConstraints ASYMMETRIC_ONLY = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT,
            AlgorithmIdentifiers.RSA_USING_SHA256, AlgorithmIdentifiers.RSA_USING_SHA384, AlgorithmIdentifiers.RSA_USING_SHA512,
            AlgorithmIdentifiers.RSA_PSS_USING_SHA256, AlgorithmIdentifiers.RSA_PSS_USING_SHA384, AlgorithmIdentifiers.RSA_PSS_USING_SHA512,
            AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256, AlgorithmIdentifiers.ECDSA_USING_P384_CURVE_AND_SHA384,
            AlgorithmIdentifiers.ECDSA_USING_P521_CURVE_AND_SHA512, AlgorithmIdentifiers.EDDSA);

    private static final JwtConsumer UNVERIFIED_PARSER = new JwtConsumerBuilder()
            .setSkipAllValidators().setDisableRequireSignature().setSkipSignatureVerification().build();

    private final OidcIssuerKeys issuerKeys;
    private final ControlPlaneConfig.TokenExchange config;
    private final Clock clock;

    public SubjectTokenVerifier(OidcIssuerKeys issuerKeys, ControlPlaneConfig config, Clock clock) {
        this.issuerKeys = issuerKeys;
        this.config = config.tokenExchange();
        this.clock = clock;
    }

    /**
     * @param trustedIssuer whether some trust binding names an issuer
     * @throws InvalidSubjectTokenException saying what is wrong with the token (never quoting it)
     * @throws OidcIssuerKeys.IssuerUnavailableException when the issuer's keys cannot be fetched
     */
    public VerifiedTokenClaims verify(String token, Predicate<String> trustedIssuer) {
        if (token.length() > config.maxSubjectTokenSize()) {
            throw new InvalidSubjectTokenException("subject_token is larger than " + config.maxSubjectTokenSize() + " bytes");
        }
        JwtContext unverified;
        String issuer;
        try {
            unverified = UNVERIFIED_PARSER.process(token);
            issuer = unverified.getJwtClaims().getIssuer();
        } catch (InvalidJwtException | MalformedClaimException e) {
            throw new InvalidSubjectTokenException("subject_token is not a well-formed signed JWT");
        }
        List<JsonWebStructure> structures = unverified.getJoseObjects();
        if (structures.size() != 1) {
            throw new InvalidSubjectTokenException("subject_token must be a signed JWT, not a nested or encrypted one");
        }
        if (structures.get(0).getHeaders().getObjectHeaderValue("crit") != null) {
            throw new InvalidSubjectTokenException("subject_token marks header extensions as critical ('crit');"
                    + " none is understood");
        }
        if (issuer == null || !trustedIssuer.test(issuer)) {
            throw new InvalidSubjectTokenException("the issuer of subject_token is not trusted by any identity's trust binding");
        }
        var keys = issuerKeys.keysIncluding(issuer, structures.get(0).getKeyIdHeaderValue());
        int skew = (int) config.clockSkew().toSeconds();
        JwtConsumer consumer = new JwtConsumerBuilder()
                .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
                .setRequireExpirationTime()
                // a token "issued" in the future is forged or from a broken clock; exp already bounds the past
                .setIssuedAtRestrictions(skew, Integer.MAX_VALUE)
                .setAllowedClockSkewInSeconds(skew)
                .setExpectedIssuer(issuer)
                .setSkipDefaultAudienceValidation()
                .setJwsAlgorithmConstraints(ASYMMETRIC_ONLY)
                .setVerificationKeyResolver(new JwksVerificationKeyResolver(keys))
                .build();
        try {
            consumer.processContext(unverified);
            JwtClaims claims = unverified.getJwtClaims();
            return new VerifiedTokenClaims(issuer, claims.getSubject(),
                    Set.copyOf(claims.hasAudience() ? claims.getAudience() : List.of()), claims.getClaimsMap());
        } catch (InvalidJwtException e) {
            throw new InvalidSubjectTokenException(describe(e));
        } catch (MalformedClaimException e) {
            throw new InvalidSubjectTokenException("subject_token has malformed claims (sub, aud)");
        }
    }

    private static String describe(InvalidJwtException e) {
        if (e.hasExpired()) {
            return "subject_token has expired";
        }
        if (e.hasErrorCode(ErrorCodes.NOT_YET_VALID)) {
            return "subject_token is not valid yet (nbf)";
        }
        if (e.hasErrorCode(ErrorCodes.ISSUED_AT_INVALID_FUTURE)) {
            return "subject_token claims to be issued in the future (iat)";
        }
        if (e.hasErrorCode(ErrorCodes.EXPIRATION_MISSING)) {
            return "subject_token has no expiry (exp)";
        }
        if (e.hasErrorCode(ErrorCodes.SIGNATURE_INVALID) || e.hasErrorCode(ErrorCodes.SIGNATURE_MISSING)) {
            return "the signature of subject_token is not valid";
        }
        return "subject_token is not signed by a published key of its issuer with an allowed algorithm";
    }

    /** Why a subject token is refused; the message never contains the token. */
    public static class InvalidSubjectTokenException extends RuntimeException {

        public InvalidSubjectTokenException(String message) {
            super(message);
        }
    }
}
