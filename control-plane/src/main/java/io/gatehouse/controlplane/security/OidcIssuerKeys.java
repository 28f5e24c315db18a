package io.gatehouse.controlplane.security;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.controlplane.config.ControlPlaneConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.jboss.logging.Logger;
import org.jose4j.jwk.EllipticCurveJsonWebKey;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jwk.OctetKeyPairJsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.lang.JoseException;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public signing keys of external OIDC issuers, found through OIDC discovery and cached: kept for the JWKS
 * maximum age; a token naming a key id the cache does not hold refetches, at most once per refetch interval per
 * issuer, so that forged key ids cannot make the control plane hammer an issuer. Only asymmetric signing keys are
 * kept. Redirects are not followed; answers are size-capped and time-limited.
 */
@ApplicationScoped
public class OidcIssuerKeys {

    private static final Logger LOG = Logger.getLogger(OidcIssuerKeys.class);
    private static final int MAX_DOCUMENT_BYTES = 256 * 1024;

    private final HttpClient http;
    private final ObjectMapper json = new ObjectMapper();
    private final ControlPlaneConfig.TokenExchange config;
    private final Clock clock;
    private final Map<String, CachedKeys> byIssuer = new ConcurrentHashMap<>();
    private final Map<String, Object> fetchLocks = new ConcurrentHashMap<>();

    public OidcIssuerKeys(ControlPlaneConfig config, Clock clock) {
        this.config = config.tokenExchange();
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(this.config.fetchTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /**
     * The issuer's keys, such that they include {@code keyId} if the issuer publishes it.
     *
     * @throws IssuerUnavailableException when discovery or the JWKS cannot be fetched
     */
    public List<JsonWebKey> keysIncluding(String issuer, String keyId) {
        synchronized (fetchLocks.computeIfAbsent(issuer, ignored -> new Object())) {
            Instant now = clock.instant();
            CachedKeys cached = byIssuer.get(issuer);
            boolean fresh = cached != null && cached.fetchedAt().plus(config.jwksMaxAge()).isAfter(now);
            if (fresh && (keyId == null || cached.has(keyId)
                    || cached.fetchedAt().plus(config.jwksRefetchInterval()).isAfter(now))) {
                return cached.keys();
            }
            CachedKeys fetched = new CachedKeys(fetch(issuer), now);
            byIssuer.put(issuer, fetched);
            return fetched.keys();
        }
    }

    private List<JsonWebKey> fetch(String issuer) {
        String base = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
        JsonNode discovery = get(base + "/.well-known/openid-configuration", issuer);
        String jwksUri = discovery.path("jwks_uri").asText(null);
        if (jwksUri == null || !issuer.equals(discovery.path("issuer").asText(null))) {
            throw unavailable(issuer, "its discovery document has no jwks_uri or names another issuer");
        }
        JsonNode jwks = get(jwksUri, issuer);
        try {
            return new JsonWebKeySet(jwks.toString()).getJsonWebKeys().stream()
                    .filter(key -> key instanceof RsaJsonWebKey || key instanceof EllipticCurveJsonWebKey
                            || key instanceof OctetKeyPairJsonWebKey)
                    .filter(key -> key.getUse() == null || "sig".equals(key.getUse()))
                    .toList();
        } catch (JoseException e) {
            throw unavailable(issuer, "its JWKS is malformed: " + e.getMessage());
        }
    }

    private JsonNode get(String url, String issuer) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create(url)).timeout(config.fetchTimeout())
                    .header("Accept", "application/json").GET().build();
            HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream body = response.body()) {
                if (response.statusCode() != 200) {
                    throw unavailable(issuer, url + " answered HTTP " + response.statusCode());
                }
                byte[] bytes = body.readNBytes(MAX_DOCUMENT_BYTES + 1);
                if (bytes.length > MAX_DOCUMENT_BYTES) {
                    throw unavailable(issuer, url + " sent more than " + MAX_DOCUMENT_BYTES + " bytes");
                }
                JsonNode document = json.readTree(bytes);
                if (document == null || !document.isObject()) {
                    throw unavailable(issuer, url + " did not send a JSON object");
                }
                return document;
            }
        } catch (IOException | IllegalArgumentException e) {
            throw unavailable(issuer, url + " cannot be read: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(issuer, "interrupted");
        }
    }

    private static IssuerUnavailableException unavailable(String issuer, String why) {
        LOG.warnf("Could not fetch the signing keys of issuer %s: %s", issuer, why);
        return new IssuerUnavailableException("the signing keys of issuer " + issuer + " cannot be fetched: " + why);
    }

    private record CachedKeys(List<JsonWebKey> keys, Instant fetchedAt) {

        boolean has(String keyId) {
            return keys.stream().anyMatch(key -> keyId.equals(key.getKeyId()));
        }
    }

    /** Discovery or the JWKS of an issuer cannot be fetched. */
    public static class IssuerUnavailableException extends RuntimeException {

        public IssuerUnavailableException(String message) {
            super(message);
        }
    }
}
