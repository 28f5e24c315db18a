package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.CredentialInjection;
import io.gatehouse.controlplane.domain.InjectionStyle;
import io.gatehouse.controlplane.domain.OAuth2ClientAuth;
import io.gatehouse.controlplane.domain.OAuth2ClientCredentials;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads how a resource's credential is injected, from its {@code credential} mapping:
 * <pre>
 * injection: bearer
 * injection: basic                                   # the credential is user:password
 * injection: header
 * header: X-Api-Key
 * injection: query
 * parameter: api_key
 * injection: oauth2-client-credentials               # the credential is client_id:client_secret
 * oauth2: {tokenUrl: https://auth.acme.example/oauth/token, scopes: [read], audience: https://api.acme.example,
 *          clientAuth: client_secret_basic}           # or client_secret_post
 * </pre>
 */
final class CredentialInjectionParser {

    static final String OAUTH2 = "oauth2";
    private static final String HEADER = "header";
    private static final String PARAMETER = "parameter";
    private static final Set<String> OAUTH2_KEYS = Set.of("tokenUrl", "scopes", "audience", "clientAuth");
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");
    /** RFC 3986 unreserved characters: the name goes on the wire as is, and compares unambiguously. */
    private static final Pattern PARAMETER_NAME = Pattern.compile("[A-Za-z0-9._~-]{1,100}");
    /** RFC 6749 3.3 scope-token. */
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]+");

    private CredentialInjectionParser() {
    }

    static Optional<CredentialInjection> parse(MappingReader credential) {
        Optional<InjectionStyle> style = credential.requiredText("injection").flatMap(text -> DeclarativeConfigParser.enumValue(
                credential, "injection", text, InjectionStyle.fromDeclaredName(text),
                Arrays.stream(InjectionStyle.values()).map(InjectionStyle::declaredName).toList()));
        if (style.isEmpty() || !onlyItsOwnSettings(credential, style.get())) {
            return Optional.empty();
        }
        return switch (style.get()) {
            case BEARER -> Optional.of(CredentialInjection.bearer());
            case BASIC -> Optional.of(CredentialInjection.basic());
            case HEADER -> credential.requiredText(HEADER).flatMap(header -> named(credential, HEADER, header, HEADER_NAME,
                    "a valid HTTP header name")).map(CredentialInjection::header);
            case QUERY -> credential.requiredText(PARAMETER).flatMap(parameter -> named(credential, PARAMETER, parameter,
                    PARAMETER_NAME, "a query parameter name of letters, digits and . _ ~ -")).map(CredentialInjection::query);
            case OAUTH2_CLIENT_CREDENTIALS -> credential.requiredMapping(OAUTH2, OAUTH2_KEYS)
                    .flatMap(CredentialInjectionParser::oauth2).map(CredentialInjection::oauth2ClientCredentials);
        };
    }

    /** {@code header}, {@code parameter} and {@code oauth2} each belong to one style only. */
    private static boolean onlyItsOwnSettings(MappingReader credential, InjectionStyle style) {
        boolean fine = true;
        fine &= onlyWith(credential, HEADER, style, InjectionStyle.HEADER);
        fine &= onlyWith(credential, PARAMETER, style, InjectionStyle.QUERY);
        fine &= onlyWith(credential, OAUTH2, style, InjectionStyle.OAUTH2_CLIENT_CREDENTIALS);
        return fine;
    }

    private static boolean onlyWith(MappingReader credential, String key, InjectionStyle style, InjectionStyle owner) {
        if (style != owner && credential.has(key)) {
            credential.problem(key, "only allowed with injection: " + owner.declaredName());
            return false;
        }
        return true;
    }

    private static Optional<String> named(MappingReader credential, String key, String name, Pattern valid, String what) {
        if (!valid.matcher(name).matches()) {
            credential.problem(key, "must be " + what + ", was '" + name + "'");
            return Optional.empty();
        }
        return Optional.of(name);
    }

    private static Optional<OAuth2ClientCredentials> oauth2(MappingReader oauth2) {
        Optional<String> tokenUrl = oauth2.requiredText("tokenUrl")
                .flatMap(text -> DeclarativeConfigParser.httpUrl(oauth2, "tokenUrl", text, true));
        Optional<List<String>> scopes = oauth2.textList("scopes", false, false).flatMap(list -> {
            List<String> invalid = list.stream().filter(scope -> !SCOPE.matcher(scope).matches()).toList();
            if (!invalid.isEmpty()) {
                oauth2.problem("scopes", "invalid scope(s) " + invalid + " (RFC 6749 3.3: printable ASCII without space, '\"' or '\\')");
                return Optional.empty();
            }
            return Optional.of(list);
        });
        Optional<Optional<String>> audience = oauth2.has("audience")
                ? oauth2.requiredText("audience").map(Optional::of)
                : Optional.of(Optional.empty());
        Optional<OAuth2ClientAuth> clientAuth = oauth2.has("clientAuth")
                ? oauth2.requiredText("clientAuth").flatMap(text -> DeclarativeConfigParser.enumValue(oauth2, "clientAuth", text,
                        OAuth2ClientAuth.fromDeclaredName(text),
                        Arrays.stream(OAuth2ClientAuth.values()).map(OAuth2ClientAuth::declaredName).toList()))
                : Optional.of(OAuth2ClientAuth.CLIENT_SECRET_BASIC);
        if (tokenUrl.isEmpty() || scopes.isEmpty() || audience.isEmpty() || clientAuth.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new OAuth2ClientCredentials(tokenUrl.get(), scopes.get(), audience.get().orElse(null), clientAuth.get()));
    }
}
