package io.gatehouse.controlplane.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import org.yaml.snakeyaml.LoaderOptions;
import io.gatehouse.controlplane.domain.PolicyModel;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/** Reads a declarative YAML config and validates it into a {@link PolicyModel}. */
@ApplicationScoped
public class DeclarativeConfigLoader {

    /**
     * SnakeYAML's default limit (3 Mi code points) is below the size of a policy with some thousand
     * identities; this one fits about 100,000 identities with their grants.
     */
    static final int MAX_DOCUMENT_CODE_POINTS = 64 * 1024 * 1024;

    private final YAMLMapper yaml = YAMLMapper.builder(YAMLFactory.builder().loaderOptions(loaderOptions()).build())
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private final Clock clock;
    private final Duration maxIdentityLifetime;

    /** Without a maximum identity lifetime (tools and tests). */
    public DeclarativeConfigLoader() {
        this(Clock.systemUTC(), (Duration) null);
    }

    @Inject
    public DeclarativeConfigLoader(Clock clock, ControlPlaneConfig config) {
        this(clock, config.maxIdentityLifetime());
    }

    private DeclarativeConfigLoader(Clock clock, Duration maxIdentityLifetime) {
        this.clock = clock;
        this.maxIdentityLifetime = maxIdentityLifetime;
    }

    private static LoaderOptions loaderOptions() {
        LoaderOptions options = new LoaderOptions();
        options.setCodePointLimit(MAX_DOCUMENT_CODE_POINTS);
        return options;
    }

    /** @throws InvalidDeclarativeConfigException if the file is unreadable or invalid (every problem listed) */
    public PolicyModel load(Path file) {
        String content;
        try {
            content = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw InvalidDeclarativeConfigException.ofDocument(file.toString(), "cannot read the file: " + e);
        }
        return parse(content, file.toString());
    }

    /** @throws InvalidDeclarativeConfigException if the content is invalid (every problem listed) */
    public PolicyModel parse(String content, String source) {
        return parse(readTree(content, source), source);
    }

    /** @throws InvalidDeclarativeConfigException if the document is invalid (every problem listed) */
    public PolicyModel parse(JsonNode document, String source) {
        return DeclarativeConfigParser.parse(document, source,
                maxIdentityLifetime == null ? null : clock.instant().plus(maxIdentityLifetime));
    }

    /** Reads YAML (or JSON, a subset) into a document tree without validating it. */
    public JsonNode readTree(String content, String source) {
        try {
            return yaml.readTree(content);
        } catch (JsonProcessingException e) {
            throw InvalidDeclarativeConfigException.ofDocument(source, describeSyntaxError(e));
        }
    }

    private static String describeSyntaxError(JsonProcessingException e) {
        String where = e.getLocation() == null ? "document"
                : "line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
        return where + ": not valid YAML: " + e.getOriginalMessage();
    }
}
