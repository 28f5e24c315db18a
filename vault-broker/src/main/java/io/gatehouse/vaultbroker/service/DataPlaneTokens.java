package io.gatehouse.vaultbroker.service;

import io.gatehouse.vaultbroker.config.BrokerConfig;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;

/**
 * The static tokens that identify data planes of the default pool. Only their SHA-256 digests are kept, and a
 * presented token is compared with every one of them in constant time. Without a control plane (whose signed
 * node tokens identify data planes otherwise) the broker refuses to start without one.
 */
@Startup
@ApplicationScoped
public class DataPlaneTokens {

    static final int RECOMMENDED_MIN_LENGTH = 32;

    private static final Logger LOG = Logger.getLogger(DataPlaneTokens.class);

    private final List<byte[]> digests;

    @Inject
    public DataPlaneTokens(BrokerConfig config) {
        this(config.dataPlaneTokens().orElse(List.of()), config.controlPlane().url().filter(url -> !url.isBlank()).isEmpty());
    }

    /** @throws IllegalStateException when no non-blank token is given but one is required */
    public DataPlaneTokens(List<String> tokens, boolean required) {
        List<String> usable = tokens.stream().map(String::trim).filter(token -> !token.isEmpty()).toList();
        if (usable.isEmpty() && required) {
            throw new IllegalStateException(BrokerConfig.DATA_PLANE_TOKENS_KEY + " (environment variable "
                    + BrokerConfig.envVarOf(BrokerConfig.DATA_PLANE_TOKENS_KEY) + ") is not set: the vault broker"
                    + " issues credentials only to data planes presenting one of these tokens (or a node token of"
                    + " the control plane set by " + BrokerConfig.CONTROL_PLANE_URL_KEY + ") and does not start"
                    + " without either");
        }
        long shortTokens = usable.stream().filter(token -> token.length() < RECOMMENDED_MIN_LENGTH).count();
        if (shortTokens > 0) {
            LOG.warnf("%d data-plane token(s) are shorter than %d characters; use long random tokens",
                    shortTokens, RECOMMENDED_MIN_LENGTH);
        }
        this.digests = usable.stream().map(DataPlaneTokens::sha256).toList();
    }

    /** Whether {@code presented} is one of the data-plane tokens. Takes the same time whichever token matches. */
    public boolean matches(String presented) {
        if (presented == null) {
            return false;
        }
        byte[] presentedDigest = sha256(presented);
        boolean match = false;
        for (byte[] digest : digests) {
            match |= MessageDigest.isEqual(presentedDigest, digest);
        }
        return match;
    }

    private static byte[] sha256(String token) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available", e);
        }
    }
}
