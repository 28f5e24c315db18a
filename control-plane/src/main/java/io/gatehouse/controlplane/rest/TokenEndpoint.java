package io.gatehouse.controlplane.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.gatehouse.controlplane.domain.GatewayToken;
import io.gatehouse.controlplane.service.ClientCredentialsService;
import io.gatehouse.controlplane.service.TokenExchangeService;
import io.gatehouse.controlplane.service.TokenRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * The OAuth2 token endpoint: {@code grant_type=client_credentials} (RFC 6749) with the client
 * authenticated by HTTP Basic or by {@code client_id}/{@code client_secret} form fields, and the token exchange
 * of RFC 8693, whose subject token (an external OIDC JWT) is the authentication. Public.
 */
@Path("/oauth2/token")
@Tag(name = "tokens", description = "Gateway tokens for identities that authenticate with a client secret or an external OIDC token")
public class TokenEndpoint {

    static final String CLIENT_CREDENTIALS = "client_credentials";
    private static final int MAX_FIELD_LENGTH = 4096;

    private final ClientCredentialsService clientCredentials;
    private final TokenExchangeService tokenExchange;
    private final String gatewayAudience;

    public TokenEndpoint(ClientCredentialsService clientCredentials, TokenExchangeService tokenExchange,
                         ControlPlaneConfig config) {
        this.clientCredentials = clientCredentials;
        this.tokenExchange = tokenExchange;
        this.gatewayAudience = config.tokens().audience();
    }

    @POST
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Issue a gateway token: client credentials grant (RFC 6749) or token exchange of an external"
            + " OIDC token (RFC 8693); errors per RFC 6749 section 5.2 and RFC 8693 section 2.2.2")
    public Response token(@FormParam("grant_type") String grantType, @FormParam("client_id") String formClientId,
                          @FormParam("client_secret") String formClientSecret,
                          @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                          @FormParam("subject_token") String subjectToken,
                          @FormParam("subject_token_type") String subjectTokenType,
                          @FormParam("requested_token_type") String requestedTokenType,
                          @FormParam("audience") List<String> audiences, @FormParam("resource") List<String> resources,
                          @FormParam("actor_token") String actorToken) {
        if (grantType == null || grantType.isBlank()) {
            throw new TokenRequestException(TokenRequestException.INVALID_REQUEST, "grant_type is required");
        }
        if (CLIENT_CREDENTIALS.equals(grantType)) {
            Credentials credentials = credentials(authorization, formClientId, formClientSecret);
            return issued(clientCredentials.issue(credentials.clientId(), credentials.clientSecret()), null);
        }
        if (TokenExchangeRequest.GRANT_TYPE.equals(grantType)) {
            TokenExchangeRequest request = TokenExchangeRequest.of(subjectToken, subjectTokenType, requestedTokenType,
                    audiences, resources, actorToken, gatewayAudience);
            return issued(tokenExchange.exchange(request.subjectToken()), request.issuedTokenType());
        }
        throw new TokenRequestException(TokenRequestException.UNSUPPORTED_GRANT_TYPE,
                "supported grant types: client_credentials and " + TokenExchangeRequest.GRANT_TYPE);
    }

    private static Response issued(GatewayToken token, String issuedTokenType) {
        long expiresIn = Duration.between(token.issuedAt(), token.expiresAt()).getSeconds();
        return noStore(Response.ok(new TokenResponse(token.token(), issuedTokenType, "Bearer", expiresIn)));
    }

    /** The client authenticates by exactly one method (RFC 6749 section 2.3). */
    private static Credentials credentials(String authorization, String formClientId, String formClientSecret) {
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        boolean form = formClientSecret != null;
        if (basic && form) {
            throw new TokenRequestException(TokenRequestException.INVALID_REQUEST,
                    "use one client authentication method: HTTP Basic or client_secret in the form, not both");
        }
        if (basic) {
            String decoded;
            try {
                decoded = new String(Base64.getDecoder().decode(authorization.substring(6).trim()), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new TokenRequestException(TokenRequestException.INVALID_CLIENT, "malformed HTTP Basic credentials");
            }
            int colon = decoded.indexOf(':');
            if (colon < 1) {
                throw new TokenRequestException(TokenRequestException.INVALID_CLIENT, "malformed HTTP Basic credentials");
            }
            return checked(FormUrl.decode(decoded.substring(0, colon)), FormUrl.decode(decoded.substring(colon + 1)));
        }
        if (formClientId == null || formClientId.isBlank() || formClientSecret == null || formClientSecret.isBlank()) {
            throw new TokenRequestException(TokenRequestException.INVALID_CLIENT,
                    "client authentication is required: HTTP Basic, or client_id and client_secret in the form");
        }
        return checked(formClientId, formClientSecret);
    }

    private static Credentials checked(String clientId, String clientSecret) {
        if (clientId.length() > MAX_FIELD_LENGTH || clientSecret.length() > MAX_FIELD_LENGTH) {
            throw new TokenRequestException(TokenRequestException.INVALID_REQUEST, "client_id or client_secret is too long");
        }
        return new Credentials(clientId, clientSecret);
    }

    @ServerExceptionMapper
    public Response refused(TokenRequestException e) {
        boolean clientAuthentication = TokenRequestException.INVALID_CLIENT.equals(e.error());
        boolean unavailable = TokenRequestException.TEMPORARILY_UNAVAILABLE.equals(e.error());
        Response.ResponseBuilder response = Response.status(clientAuthentication ? 401 : unavailable ? 503 : 400)
                .type(MediaType.APPLICATION_JSON)
                .entity(new TokenError(e.error(), e.getMessage()));
        if (clientAuthentication) {
            response.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"gatehouse\"");
        }
        if (unavailable) {
            response.header(HttpHeaders.RETRY_AFTER, "10");
        }
        return noStore(response);
    }

    private static Response noStore(Response.ResponseBuilder response) {
        return response.header(HttpHeaders.CACHE_CONTROL, "no-store").header("Pragma", "no-cache").build();
    }

    private record Credentials(String clientId, String clientSecret) {

        @Override
        public String toString() {
            return "Credentials[" + clientId + "]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenResponse(@JsonProperty("access_token") String accessToken,
                                @JsonProperty("issued_token_type") String issuedTokenType,
                                @JsonProperty("token_type") String tokenType,
                                @JsonProperty("expires_in") long expiresIn) {

        @Override
        public String toString() {
            return "TokenResponse[" + tokenType + ", " + expiresIn + "s]";
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record TokenError(String error, @JsonProperty("error_description") String errorDescription) {
    }
}
