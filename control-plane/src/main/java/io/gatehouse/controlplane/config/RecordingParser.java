package io.gatehouse.controlplane.config;

import io.gatehouse.controlplane.domain.CredentialInjection;
import io.gatehouse.controlplane.domain.InjectionStyle;
import io.gatehouse.controlplane.domain.RecordingLevel;
import io.gatehouse.controlplane.domain.RecordingPolicy;
import io.gatehouse.controlplane.domain.SpoolFullPolicy;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads the {@code recording} block of a resource:
 * <pre>
 * recording:
 *   level: bodies                  # metadata (default) | headers | bodies
 *   headers: [content-type]        # level headers or bodies; never a header that may carry a credential
 *   bodyBytes: 4096                # level bodies; 1 to 65536, default 4096
 *   whenSpoolFull: refuse          # refuse (default) | best-effort
 * </pre>
 */
final class RecordingParser {

    static final String RECORDING = "recording";
    private static final Set<String> KEYS = Collections.unmodifiableSet(
            new LinkedHashSet<>(List.of("level", "headers", "bodyBytes", "whenSpoolFull")));
    private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

    private RecordingParser() {
    }

    /** The resource's recording policy: the default when the block is absent, empty when it has problems. */
    static Optional<RecordingPolicy> parse(MappingReader resource, Optional<CredentialInjection> injection) {
        if (!resource.has(RECORDING)) {
            return Optional.of(RecordingPolicy.DEFAULT);
        }
        return resource.requiredMapping(RECORDING, KEYS).flatMap(recording -> parseBlock(recording, injection));
    }

    private static Optional<RecordingPolicy> parseBlock(MappingReader recording, Optional<CredentialInjection> injection) {
        Optional<RecordingLevel> level = recording.optionalText("level")
                .map(text -> known(recording, "level", text, RecordingLevel.fromDeclaredName(text),
                        Arrays.stream(RecordingLevel.values()).map(RecordingLevel::declaredName).toList()))
                .orElse(recording.has("level") ? Optional.empty() : Optional.of(RecordingLevel.METADATA));
        Optional<SpoolFullPolicy> whenSpoolFull = recording.optionalText("whenSpoolFull")
                .map(text -> known(recording, "whenSpoolFull", text, SpoolFullPolicy.fromDeclaredName(text),
                        Arrays.stream(SpoolFullPolicy.values()).map(SpoolFullPolicy::declaredName).toList()))
                .orElse(recording.has("whenSpoolFull") ? Optional.empty() : Optional.of(SpoolFullPolicy.REFUSE));
        Optional<List<String>> headers = recording.textList("headers", false, false)
                .flatMap(names -> headers(recording, names, level, injection));
        Optional<Integer> bodyBytes = bodyBytes(recording, level);
        if (level.isEmpty() || whenSpoolFull.isEmpty() || headers.isEmpty() || bodyBytes.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new RecordingPolicy(level.get(), headers.get(), bodyBytes.get(), whenSpoolFull.get()));
    }

    private static Optional<List<String>> headers(MappingReader recording, List<String> names, Optional<RecordingLevel> level,
                                                  Optional<CredentialInjection> injection) {
        if (names.isEmpty()) {
            return Optional.of(names);
        }
        if (level.isPresent() && level.get() == RecordingLevel.METADATA) {
            recording.problem("headers", "only recorded at level headers or bodies; set level: headers, or remove headers");
            return Optional.empty();
        }
        List<String> invalid = names.stream().filter(name -> !HEADER_NAME.matcher(name).matches()).toList();
        if (!invalid.isEmpty()) {
            recording.problem("headers", "invalid header name(s) " + invalid);
            return Optional.empty();
        }
        String injected = injection.filter(style -> style.style() == InjectionStyle.HEADER)
                .map(style -> style.headerName().toLowerCase(Locale.ROOT)).orElse(null);
        List<String> refused = names.stream()
                .filter(name -> RecordingPolicy.mayCarryCredential(name) || name.toLowerCase(Locale.ROOT).equals(injected))
                .toList();
        if (!refused.isEmpty()) {
            recording.problem("headers", "never recorded, as they may carry credentials: " + refused
                    + "; remove them from the list (the caller's token and the injected credential are never recorded)");
            return Optional.empty();
        }
        return Optional.of(names);
    }

    private static Optional<Integer> bodyBytes(MappingReader recording, Optional<RecordingLevel> level) {
        if (!recording.has("bodyBytes")) {
            return Optional.of(RecordingPolicy.DEFAULT_BODY_BYTES);
        }
        Optional<Integer> value = recording.optionalInt("bodyBytes");
        if (value.isEmpty()) {
            return Optional.empty();
        }
        if (level.isPresent() && level.get() != RecordingLevel.BODIES) {
            recording.problem("bodyBytes", "only used at level bodies; set level: bodies, or remove bodyBytes");
            return Optional.empty();
        }
        if (value.get() < 1 || value.get() > RecordingPolicy.MAX_BODY_BYTES) {
            recording.problem("bodyBytes", "must be between 1 and " + RecordingPolicy.MAX_BODY_BYTES + ", was " + value.get());
            return Optional.empty();
        }
        return value;
    }

    private static <E> Optional<E> known(MappingReader reader, String key, String text, Optional<E> value, List<String> allowed) {
        if (value.isEmpty()) {
            reader.problem(key, "unknown value '" + text + "' (allowed: " + String.join(", ", allowed) + ")");
        }
        return value;
    }
}
