package io.gatehouse.it.support;

import io.gatehouse.launcher.oidc.LocalOidcIssuer;

/** Tokens from the suite's local OIDC issuer. */
public final class Tokens {

    private Tokens() {
    }

    /** deploy-bot's workload token: the identity the demo config trusts. */
    public static String deployBot() {
        return GatehouseSuite.get().issuer().workloadToken(LocalOidcIssuer.DEPLOY_BOT);
    }

    /** A token from the right issuer but for another audience. */
    public static String wrongAudience() {
        return GatehouseSuite.get().issuer().workloadToken(LocalOidcIssuer.WRONG_AUDIENCE);
    }

    /** A human's token for the admin APIs (member of payments-approvers). */
    public static String admin(String user) {
        return GatehouseSuite.get().issuer().adminToken(user);
    }
}
