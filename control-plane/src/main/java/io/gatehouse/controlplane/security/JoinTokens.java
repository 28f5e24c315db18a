package io.gatehouse.controlplane.security;

import io.gatehouse.controlplane.config.ControlPlaneConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The join tokens nodes present to the control plane, each naming the pool its bearer belongs to. Only
 * SHA-256 digests are kept; a presented token is compared with every one of them in constant time. The
 * control plane refuses to start without one.
 */
@Startup
@ApplicationScoped
public class JoinTokens {

    static final int RECOMMENDED_MIN_LENGTH = 32;
    private static final Pattern POOL = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,99}");
    private static final Logger LOG = Logger.getLogger(JoinTokens.class);

    private final List<Entry> entries;

    @Inject
    public JoinTokens(ControlPlaneConfig config) {
        this(config.joinTokens().orElse(List.of()));
    }

    /** @param pairs {@code pool:token} */
    public JoinTokens(List<String> pairs) {
        String env = "GATEHOUSE_CONTROL_PLANE_JOIN_TOKENS";
        List<Entry> parsed = new ArrayList<>();
        int position = 0;
        for (String pair : pairs) {
            position++;
            String trimmed = pair.trim();
            if (trimmed.isEmpty()) {
                continue;
            }
            int colon = trimmed.indexOf(':');
            String pool = colon < 0 ? "" : trimmed.substring(0, colon).trim();
            String token = colon < 0 ? "" : trimmed.substring(colon + 1).trim();
            if (!POOL.matcher(pool).matches() || token.isEmpty()) {
                // the entry is not echoed: it may hold a token
                throw new IllegalStateException("entry " + position + " of " + ControlPlaneConfig.JOIN_TOKENS_KEY
                        + " (" + env + ") is not 'pool:token' with a pool name of letters, digits, '.', '_', '-'");
            }
            if (token.length() < RECOMMENDED_MIN_LENGTH) {
                LOG.warnf("the join token of pool '%s' is shorter than %d characters; use a long random token",
                        pool, RECOMMENDED_MIN_LENGTH);
            }
            parsed.add(new Entry(pool, sha256(token)));
        }
        if (parsed.isEmpty()) {
            throw new IllegalStateException(ControlPlaneConfig.JOIN_TOKENS_KEY + " (environment variable " + env
                    + ") is not set: data planes and the vault broker authenticate to the control plane with a join"
                    + " token, e.g. default:<long random token>; the control plane does not start without one");
        }
        this.entries = List.copyOf(parsed);
    }

    /** The pool of the presented token; empty when it is not a join token. Takes the same time whichever matches. */
    public Optional<String> poolOf(String presented) {
        if (presented == null) {
            return Optional.empty();
        }
        byte[] digest = sha256(presented);
        String pool = null;
        for (Entry entry : entries) {
            if (MessageDigest.isEqual(digest, entry.digest()) && pool == null) {
                pool = entry.pool();
            }
        }
        return Optional.ofNullable(pool);
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }

    private record Entry(String pool, byte[] digest) {
    }
}
