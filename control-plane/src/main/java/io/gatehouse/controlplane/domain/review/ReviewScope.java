package io.gatehouse.controlplane.domain.review;

import io.gatehouse.controlplane.domain.GrantDefinition;
import io.gatehouse.controlplane.domain.IdentityDefinition;

import java.util.List;
import java.util.Locale;

/**
 * Which identities a campaign reviews: all of them, one team's, those with a grant on one resource, or one kind's.
 * {@code value} is null for {@link Kind#ALL}.
 */
public record ReviewScope(Kind kind, String value) {

    public enum Kind { ALL, TEAM, RESOURCE, KIND }

    public ReviewScope {
        if ((kind == Kind.ALL) != (value == null || value.isBlank())) {
            throw new IllegalArgumentException(kind == Kind.ALL ? "scope 'all' takes no value"
                    : "scope '" + kind.name().toLowerCase(Locale.ROOT) + "' needs a value (the "
                    + kind.name().toLowerCase(Locale.ROOT) + "'s name)");
        }
    }

    /** Parses {@code all}, {@code team:NAME}, {@code resource:NAME} or {@code kind:NAME}. */
    public static ReviewScope parse(String text) {
        if (text == null || text.isBlank() || text.strip().equals("all")) {
            return new ReviewScope(Kind.ALL, null);
        }
        int colon = text.indexOf(':');
        String name = colon < 0 ? text.strip() : text.substring(0, colon).strip();
        String value = colon < 0 ? null : text.substring(colon + 1).strip();
        Kind kind;
        try {
            kind = Kind.valueOf(name.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("scope must be all, team:NAME, resource:NAME or kind:NAME, was '" + text + "'");
        }
        return new ReviewScope(kind, value);
    }

    public boolean covers(IdentityDefinition identity, List<GrantDefinition> grants) {
        return switch (kind) {
            case ALL -> true;
            case TEAM -> identity.ownerTeam().equals(value);
            case RESOURCE -> grants.stream().anyMatch(grant -> grant.resource().equals(value));
            case KIND -> identity.kind().declaredName().equals(value);
        };
    }

    @Override
    public String toString() {
        return kind == Kind.ALL ? "all" : kind.name().toLowerCase(Locale.ROOT) + ":" + value;
    }
}
