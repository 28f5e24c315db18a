package io.gatehouse.dataplane.credential;

import io.gatehouse.dataplane.auth.HttpJsonFetcher;
import io.gatehouse.dataplane.config.DataPlaneConfig;
import io.gatehouse.dataplane.policy.OAuth2Settings;
import io.gatehouse.dataplane.policy.Resource;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Vertx;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Access tokens of the resources injected with OAuth2 client credentials, bought at each resource's
 * token endpoint with its client credential and cached until {@code expires_in} minus a margin. Calls
 * that find no fresh token share one request (single flight); a failed request is not cached, so the next
 * call asks again. A token is kept only for the client credential and settings it was bought with: a
 * rotated client secret or a changed token endpoint buys a new one.
 */
@ApplicationScoped
public class OAuth2AccessTokens {

    private static final Logger LOG = Logger.getLogger(OAuth2AccessTokens.class);

    private final OAuth2TokenClient client;
    private final Duration expiryMargin;
    private final Duration defaultLifetime;
    private final Clock clock;
    private final Map<String, Entry> byResource = new ConcurrentHashMap<>();

    @Inject
    public OAuth2AccessTokens(Vertx vertx, DataPlaneConfig config) {
        this(vertx, config, Clock.systemUTC());
    }

    /** With the clock that decides when a cached token is too old (tests move it instead of waiting). */
    public OAuth2AccessTokens(Vertx vertx, DataPlaneConfig config, Clock clock) {
        this(new OAuth2TokenClient(new HttpJsonFetcher(vertx, config.oauth2().maxResponseSize(),
                config.oauth2().tokenTimeout().toMillis())), config.oauth2().expiryMargin(), config.oauth2().defaultLifetime(),
                clock);
    }

    OAuth2AccessTokens(OAuth2TokenClient client, Duration expiryMargin, Duration defaultLifetime, Clock clock) {
        this.client = client;
        this.expiryMargin = expiryMargin;
        this.defaultLifetime = defaultLifetime;
        this.clock = clock;
    }

    /** The access token to inject for {@code resource}, bought with its client credential when none is fresh. */
    public Uni<UpstreamCredential> accessTokenFor(Resource resource, UpstreamCredential clientCredential) {
        OAuth2Settings settings = resource.injection().oauth2();
        Instant now = clock.instant();
        Entry entry = byResource.compute(resource.name(), (name, current) ->
                current != null && current.serves(clientCredential, settings, now) ? current : new Entry(clientCredential, settings));
        if (entry.started.compareAndSet(false, true)) {
            buy(resource.name(), entry);
        }
        // a copy: one caller giving up must not cancel the request the others wait for
        return Uni.createFrom().completionStage(entry.token.copy());
    }

    /** Drops the cached token of a resource (its upstream refused it). */
    public void forget(String resource) {
        byResource.remove(resource);
    }

    private void buy(String resource, Entry entry) {
        ClientCredentials credentials;
        try {
            credentials = ClientCredentials.parse(entry.clientCredential.secret());
        } catch (IllegalArgumentException e) {
            fail(resource, entry, new OAuth2TokenException("the credential of resource '" + resource
                    + "' is not client_id:client_secret (give its credential source two keys, or a value with a ':')"));
            return;
        }
        Instant requestedAt = clock.instant();
        client.requestToken(resource, entry.settings, credentials).onComplete(result -> {
            if (result.failed()) {
                fail(resource, entry, result.cause());
                return;
            }
            AccessToken token = result.result();
            Duration lifetime = token.expiresIn() != null ? token.expiresIn() : defaultLifetime;
            entry.token.complete(entry.clientCredential.accessToken(token.value(), requestedAt.plus(lifetime).minus(expiryMargin)));
        });
    }

    private void fail(String resource, Entry entry, Throwable failure) {
        byResource.remove(resource, entry);
        OAuth2TokenException reason = failure instanceof OAuth2TokenException known ? known
                : new OAuth2TokenException("the access token of resource '" + resource + "' could not be obtained ("
                + failure.getClass().getSimpleName() + ")");
        LOG.errorf("No access token for resource %s: %s", resource, reason.getMessage());
        entry.token.completeExceptionally(reason);
    }

    private static final class Entry {
        final UpstreamCredential clientCredential;
        final OAuth2Settings settings;
        final CompletableFuture<UpstreamCredential> token = new CompletableFuture<>();
        final AtomicBoolean started = new AtomicBoolean();

        Entry(UpstreamCredential clientCredential, OAuth2Settings settings) {
            this.clientCredential = clientCredential;
            this.settings = settings;
        }

        /** In flight, or bought and still fresh, for the same client credential and settings. */
        boolean serves(UpstreamCredential credential, OAuth2Settings wanted, Instant now) {
            if (!clientCredential.sameSecretAs(credential) || !settings.equals(wanted)) {
                return false;
            }
            if (!token.isDone()) {
                return true;
            }
            return !token.isCompletedExceptionally() && token.join().usableAt(now);
        }
    }
}
