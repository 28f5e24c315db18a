package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.CredentialInjection;
import io.gatehouse.controlplane.domain.IdentityAssertion;
import io.gatehouse.controlplane.domain.InjectionStyle;

import java.net.URI;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code identityAssertion} block of a resource:
 * <pre>
 * identityAssertion:
 *   audience: https://billing.internal     # the JWT's aud; default: the upstream's origin
 *   header: X-Gatehouse-Identity-Assertion # default
 * </pre>
 * An empty block ({@code identityAssertion: {}}) turns the assertion on with both defaults.
 */
final class IdentityAssertionParser {

    static final String IDENTITY_ASSERTION = "identityAssertion";
    private static final Set<String> KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of("audience", "header")));
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]{1,100}");
    private static final int MAX_AUDIENCE_LENGTH = 500;

    private IdentityAssertionParser() {
    }

    /**
     * @return empty when the block has problems; else the assertion, or {@code Optional.of(Optional.empty())}
     *         when the resource asks for none
     */
    static Optional<Optional<IdentityAssertion>> parse(MappingReader resource, Optional<String> upstreamUrl,
                                                       Optional<CredentialInjection> injection) {
        if (!resource.has(IDENTITY_ASSERTION)) {
            return Optional.of(Optional.empty());
        }
        return resource.requiredMapping(IDENTITY_ASSERTION, KEYS)
                .flatMap(block -> parseBlock(block, upstreamUrl, injection))
                .map(Optional::of);
    }

    private static Optional<IdentityAssertion> parseBlock(MappingReader block, Optional<String> upstreamUrl,
                                                          Optional<CredentialInjection> injection) {
        Optional<String> header = block.optionalText("header")
                .map(name -> headerName(block, name, injection))
                .orElse(block.has("header") ? Optional.empty() : Optional.of(IdentityAssertion.DEFAULT_HEADER));
        Optional<String> audience = block.optionalText("audience")
                .map(text -> audience(block, text))
                .orElse(block.has("audience") ? Optional.empty() : upstreamUrl.map(IdentityAssertionParser::origin));
        if (header.isEmpty() || audience.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new IdentityAssertion(header.get(), audience.get()));
    }

    private static Optional<String> headerName(MappingReader block, String name, Optional<CredentialInjection> injection) {
        if (!HEADER_NAME.matcher(name).matches()) {
            block.problem("header", "'" + name + "' is not a valid header name");
            return Optional.empty();
        }
        if (IdentityAssertion.isReservedHeader(name)) {
            block.problem("header", "'" + name + "' is set or removed by the gateway itself; choose another name, such as "
                    + IdentityAssertion.DEFAULT_HEADER);
            return Optional.empty();
        }
        boolean injectedThere = injection.filter(style -> style.style() == InjectionStyle.HEADER)
                .map(style -> style.headerName().equalsIgnoreCase(name)).orElse(false);
        if (injectedThere) {
            block.problem("header", "'" + name + "' carries the injected credential; the assertion needs a header of its own");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private static Optional<String> audience(MappingReader block, String text) {
        if (text.isBlank() || text.length() > MAX_AUDIENCE_LENGTH || text.chars().anyMatch(Character::isISOControl)) {
            block.problem("audience", "must be 1 to " + MAX_AUDIENCE_LENGTH + " printable characters");
            return Optional.empty();
        }
        return Optional.of(text);
    }

    /** scheme://host[:port] of an upstream URL the resource parser already checked. */
    private static String origin(String upstreamUrl) {
        URI uri = URI.create(upstreamUrl);
        return uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "");
    }
}
