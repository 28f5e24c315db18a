package io.gatehouse.vaultbroker.repository.vault;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.vaultbroker.model.Secret;
import org.jboss.logging.Logger;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;

/**
 * The broker's Vault token: obtained by the auth method, renewed ({@code auth/token/renew-self}) once two
 * thirds of its time have passed, and replaced by a new login when it cannot be renewed or Vault refuses it.
 */
public class VaultSession {

    static final String RENEW_SELF = "auth/token/renew-self";
    private static final Logger LOG = Logger.getLogger(VaultSession.class);

    private final VaultHttp http;
    private final VaultAuthMethod auth;
    private final Clock clock;
    private VaultToken current;
    private Instant obtainedAt;

    public VaultSession(VaultHttp http, VaultAuthMethod auth, Clock clock) {
        this.http = http;
        this.auth = auth;
        this.clock = clock;
    }

    /**
     * Runs {@code call} with a copy of the token, wiped afterwards. When Vault answers 403 and the auth method
     * can log in again, logs in once more and retries: the token may have expired or been revoked.
     */
    public <T> T call(Function<Secret, T> call) {
        Secret token = token();
        try {
            return call.apply(token);
        } catch (VaultRequestException e) {
            if (!e.isPermissionDenied() || !auth.canLoginAgain()) {
                throw e;
            }
            LOG.infof("Vault refused the token; logging in again with %s", auth.name());
            Secret fresh = login();
            try {
                return call.apply(fresh);
            } finally {
                fresh.clear();
            }
        } finally {
            token.clear();
        }
    }

    /** A copy of the current token, logging in first when there is none or it has expired. */
    synchronized Secret token() {
        if (current == null || (current.expires() && !clock.instant().isBefore(obtainedAt.plus(current.ttl())))) {
            return login();
        }
        return current.token().copy();
    }

    /**
     * Renews the token once two thirds of its time have passed. Logs in again (where the method can) when it
     * is not renewable, renewal fails, or renewal no longer extends it fully (its max TTL is near).
     */
    public synchronized void maintain() {
        if (current == null) {
            login().clear();
            return;
        }
        if (!current.expires() || clock.instant().isBefore(obtainedAt.plus(current.ttl().multipliedBy(2).dividedBy(3)))) {
            return;
        }
        if (current.renewable() && renew()) {
            return;
        }
        if (auth.canLoginAgain()) {
            login().clear();
        }
    }

    /** @return whether the token was renewed for its full time */
    private boolean renew() {
        java.time.Duration wanted = current.ttl();
        try {
            JsonNode answer = http.post(RENEW_SELF, current.token(), Map.of("increment", wanted.toSeconds() + "s"));
            JsonNode auth = answer.path("auth");
            java.time.Duration granted = java.time.Duration.ofSeconds(auth.path("lease_duration").asLong());
            replace(new VaultToken(current.token().copy(), granted, auth.path("renewable").asBoolean(false)));
            LOG.debugf("Vault token renewed for %s", granted);
            return granted.compareTo(wanted) >= 0;
        } catch (VaultRequestException e) {
            LOG.warnf("Vault token could not be renewed: %s", e.getMessage());
            return false;
        }
    }

    private synchronized Secret login() {
        VaultToken token = auth.login(http);
        replace(token);
        LOG.infof("logged in to Vault with %s auth; token valid for %s%s", auth.name(),
                token.expires() ? token.ttl() : "ever", token.renewable() ? ", renewable" : "");
        return token.token().copy();
    }

    private void replace(VaultToken token) {
        if (current != null && current.token() != token.token()) {
            current.token().clear();
        }
        current = token;
        obtainedAt = clock.instant();
    }

    /** Forgets the token (does not revoke it: a configured token belongs to whoever configured it). */
    public synchronized void close() {
        if (current != null) {
            current.token().clear();
            current = null;
        }
    }
}
