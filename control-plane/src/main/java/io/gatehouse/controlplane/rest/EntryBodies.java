package io.gatehouse.controlplane.rest;

import com.fasterxml.jackson.databind.JsonNode;
import io.gatehouse.controlplane.config.DeclarativeConfigLoader;
import io.gatehouse.controlplane.config.InvalidDeclarativeConfigException;
import io.gatehouse.controlplane.service.PolicyValidationException;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads a write request's body, JSON or YAML, into the declarative entry it carries. */
@ApplicationScoped
public class EntryBodies {

    /** The media types the admin API accepts for policy objects and documents. */
    public static final String JSON = "application/json";
    public static final String YAML = "application/yaml";
    public static final String TEXT_YAML = "text/yaml";

    private final DeclarativeConfigLoader loader;

    public EntryBodies(DeclarativeConfigLoader loader) {
        this.loader = loader;
    }

    public JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            throw new InvalidRequestException("the request needs a body: the object as JSON or YAML");
        }
        try {
            return loader.readTree(body, "the request body");
        } catch (InvalidDeclarativeConfigException e) {
            throw new PolicyValidationException(e.details());
        }
    }
}
