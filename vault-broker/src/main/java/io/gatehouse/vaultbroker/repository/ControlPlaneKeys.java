package io.gatehouse.vaultbroker.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.math.BigInteger;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The control plane's published signing keys (its JWKS), fetched at start and again when a token names an
 * unknown key id, at most once per refetch interval. Only EC P-256 keys for ES256 are taken. Without a
 * control-plane URL it knows no key.
 */
@ApplicationScoped
public class ControlPlaneKeys implements PublicKeyLookup {

    static final String JWKS_PATH = "/.well-known/gatehouse/jwks.json";
    private static final int MAX_JWKS_BYTES = 64 * 1024;
    private static final Logger LOG = Logger.getLogger(ControlPlaneKeys.class);

    private final Optional<URI> jwksUrl;
    private final Duration refetchInterval;
    private final Clock clock = Clock.systemUTC();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final ObjectMapper json = new ObjectMapper();
    private volatile Map<String, PublicKey> keys = Map.of();
    private volatile Instant lastFetch = Instant.EPOCH;

    public ControlPlaneKeys(BrokerConfig config) {
        this.jwksUrl = config.controlPlane().url().filter(url -> !url.isBlank())
                .map(url -> URI.create(url.replaceAll("/+$", "") + JWKS_PATH));
        this.refetchInterval = config.controlPlane().jwksRefetchInterval();
    }

    void prefetch(@Observes StartupEvent event) {
        jwksUrl.ifPresent(url -> {
            Thread prefetch = new Thread(() -> fetch(url), "jwks-prefetch");
            prefetch.setDaemon(true);
            prefetch.start();
        });
    }

    @Override
    public Optional<PublicKey> key(String kid) {
        PublicKey known = keys.get(kid);
        if (known != null || jwksUrl.isEmpty()) {
            return Optional.ofNullable(known);
        }
        synchronized (this) {
            if (!keys.containsKey(kid) && clock.instant().isAfter(lastFetch.plus(refetchInterval))) {
                fetch(jwksUrl.get());
            }
            return Optional.ofNullable(keys.get(kid));
        }
    }

    private synchronized void fetch(URI url) {
        lastFetch = clock.instant();
        try {
            HttpResponse<byte[]> response = http.send(HttpRequest.newBuilder(url).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            if (response.statusCode() != 200 || response.body().length > MAX_JWKS_BYTES) {
                LOG.warnf("the control plane's keys at %s could not be read (HTTP %d); node tokens signed with keys not"
                        + " yet known are refused", url, response.statusCode());
                return;
            }
            Map<String, PublicKey> parsed = new HashMap<>();
            for (JsonNode jwk : json.readTree(response.body()).path("keys")) {
                toKey(jwk).ifPresent(key -> parsed.put(jwk.path("kid").asText(), key));
            }
            keys = Map.copyOf(parsed);
            LOG.infof("trusting %d signing key(s) of the control plane for node tokens", parsed.size());
        } catch (IOException e) {
            LOG.warnf("the control plane's keys at %s could not be read (%s); node tokens signed with keys not yet"
                    + " known are refused", url, e.getClass().getSimpleName());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Optional<PublicKey> toKey(JsonNode jwk) {
        if (!"EC".equals(jwk.path("kty").asText()) || !"P-256".equals(jwk.path("crv").asText())
                || !jwk.path("kid").isTextual() || jwk.has("d")) {
            return Optional.empty();
        }
        try {
            AlgorithmParameters parameters = AlgorithmParameters.getInstance("EC");
            parameters.init(new ECGenParameterSpec("secp256r1"));
            ECPoint point = new ECPoint(unsigned(jwk.path("x").asText()), unsigned(jwk.path("y").asText()));
            return Optional.of(KeyFactory.getInstance("EC")
                    .generatePublic(new ECPublicKeySpec(point, parameters.getParameterSpec(ECParameterSpec.class))));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    private static BigInteger unsigned(String base64url) {
        return new BigInteger(1, Base64.getUrlDecoder().decode(base64url));
    }
}
