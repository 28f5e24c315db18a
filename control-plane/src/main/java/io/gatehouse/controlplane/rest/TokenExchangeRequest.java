package io.gatehouse.controlplane.rest;

import io.gatehouse.controlplane.service.TokenRequestException;

import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The parameters of an RFC 8693 token exchange request, checked: the subject token is an external JWT, what may
 * be requested is an access token for the gateway's own audience, and delegation ({@code actor_token}) is not
 * offered.
 *
 * @param issuedTokenType the {@code issued_token_type} of the answer: the requested type, access_token by default
 */
record TokenExchangeRequest(String subjectToken, String issuedTokenType) {

    static final String GRANT_TYPE = "urn:ietf:params:oauth:grant-type:token-exchange";
    static final String ACCESS_TOKEN = "urn:ietf:params:oauth:token-type:access_token";
    static final String JWT = "urn:ietf:params:oauth:token-type:jwt";
    static final String ID_TOKEN = "urn:ietf:params:oauth:token-type:id_token";
    private static final Set<String> SUBJECT_TOKEN_TYPES = Set.of(JWT, ID_TOKEN, ACCESS_TOKEN);
    private static final Set<String> ISSUED_TOKEN_TYPES = Set.of(ACCESS_TOKEN, JWT);

    /** @throws TokenRequestException invalid_request or invalid_target, saying what to change */
    static TokenExchangeRequest of(String subjectToken, String subjectTokenType, String requestedTokenType,
                                   List<String> audiences, List<String> resources, String actorToken,
                                   String gatewayAudience) {
        if (actorToken != null && !actorToken.isEmpty()) {
            throw invalid("actor_token is not supported: the gateway issues tokens to the subject's own identity, not"
                    + " delegated ones; send the request without actor_token and actor_token_type");
        }
        if (subjectToken == null || subjectToken.isBlank()) {
            throw invalid("subject_token is required: the external OIDC token (JWT) to exchange");
        }
        if (subjectTokenType == null || subjectTokenType.isBlank()) {
            throw invalid("subject_token_type is required, e.g. " + JWT);
        }
        if (!SUBJECT_TOKEN_TYPES.contains(subjectTokenType)) {
            throw invalid("subject_token_type " + subjectTokenType + " is not supported; the subject token must be a"
                    + " signed JWT: " + JWT + ", " + ID_TOKEN + " or " + ACCESS_TOKEN);
        }
        if (requestedTokenType != null && !requestedTokenType.isBlank() && !ISSUED_TOKEN_TYPES.contains(requestedTokenType)) {
            throw invalid("requested_token_type " + requestedTokenType + " cannot be issued; ask for " + ACCESS_TOKEN
                    + " or " + JWT + ", or leave it out");
        }
        for (String target : concat(audiences, resources)) {
            if (!gatewayAudience.equals(target)) {
                throw new TokenRequestException(TokenRequestException.INVALID_TARGET, "gateway tokens are only issued"
                        + " for audience " + gatewayAudience + "; leave audience and resource out or name that one");
            }
        }
        String issued = requestedTokenType == null || requestedTokenType.isBlank() ? ACCESS_TOKEN : requestedTokenType;
        return new TokenExchangeRequest(subjectToken, issued);
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return Stream.concat(first == null ? Stream.empty() : first.stream(),
                second == null ? Stream.empty() : second.stream()).toList();
    }

    private static TokenRequestException invalid(String description) {
        return new TokenRequestException(TokenRequestException.INVALID_REQUEST, description);
    }

    @Override
    public String toString() {
        return "TokenExchangeRequest[" + issuedTokenType + "]";
    }
}
