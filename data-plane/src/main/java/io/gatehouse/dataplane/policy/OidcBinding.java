package io.gatehouse.dataplane.policy;

import java.util.Map;
import java.util.Set;

/** A token matches when it comes from the issuer, names one of the audiences and carries every required claim value. */
public record OidcBinding(String issuer, Set<String> audiences, Map<String, String> requiredClaims) {

    public boolean matches(String tokenIssuer, Set<String> tokenAudiences, Map<String, Object> claims) {
        if (!issuer.equals(tokenIssuer)) {
            return false;
        }
        if (tokenAudiences.stream().noneMatch(audiences::contains)) {
            return false;
        }
        for (Map.Entry<String, String> required : requiredClaims.entrySet()) {
            Object actual = claims.get(required.getKey());
            if (!(actual instanceof String value) || !value.equals(required.getValue())) {
                return false;
            }
        }
        return true;
    }
}
