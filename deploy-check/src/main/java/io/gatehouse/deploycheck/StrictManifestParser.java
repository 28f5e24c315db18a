package io.gatehouse.deploycheck;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.HasMetadata;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Parses a multi-document YAML stream into fabric8 Kubernetes model objects, strictly: a field the API type
 * does not have, a duplicated key, a value of the wrong type or an unknown kind is an error naming the
 * document and the field path.
 *
 * <p>The fabric8 model classes keep unknown fields in an {@code additionalProperties} map (a Jackson
 * "any setter"); that setter is removed here, so unknown fields reach {@code FAIL_ON_UNKNOWN_PROPERTIES}.
 */
public final class StrictManifestParser {

    private final ObjectMapper mapper;

    public StrictManifestParser() {
        YAMLFactory yaml = YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
        SimpleModule noAnySetter = new SimpleModule("gatehouse-strict-kubernetes-model");
        noAnySetter.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public BeanDeserializerBuilder updateBuilder(DeserializationConfig config, BeanDescription description,
                    BeanDeserializerBuilder builder) {
                if (description.getBeanClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
                    builder.setAnySetter(null);
                    builder.setIgnoreUnknownProperties(false);
                }
                return builder;
            }
        });
        this.mapper = new ObjectMapper(yaml)
                .registerModule(noAnySetter)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
                .enable(DeserializationFeature.FAIL_ON_READING_DUP_TREE_KEY)
                .disable(DeserializationFeature.ACCEPT_SINGLE_VALUE_AS_ARRAY);
    }

    /** Every non-empty document of {@code yaml}, typed; {@code source} names the stream in messages. */
    public List<HasMetadata> parse(String source, String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        int document = 0;
        try (MappingIterator<JsonNode> documents = mapper.readerFor(JsonNode.class).readValues(yaml)) {
            while (documents.hasNextValue()) {
                JsonNode node = documents.nextValue();
                document++;
                if (node == null || node.isNull() || node.isMissingNode()) {
                    continue;
                }
                objects.add(toObject(source + " document " + document, node));
            }
        } catch (IOException e) {
            throw new ManifestException(source + " document " + (document + 1) + " is not valid YAML: " + e.getMessage(), e);
        }
        return objects;
    }

    private HasMetadata toObject(String where, JsonNode node) {
        if (!(node instanceof ObjectNode object)) {
            throw new ManifestException(where + " is not a mapping");
        }
        String apiVersion = object.path("apiVersion").asText("");
        String kind = object.path("kind").asText("");
        String name = object.path("metadata").path("name").asText("");
        String what = where + " (" + apiVersion + " " + kind + " '" + name + "')";
        if (apiVersion.isEmpty() || kind.isEmpty() || name.isEmpty()) {
            throw new ManifestException(what + " lacks apiVersion, kind or metadata.name");
        }
        Class<? extends HasMetadata> type = ManifestTypes.typeOf(apiVersion, kind)
                .orElseThrow(() -> new ManifestException(what + ": unsupported apiVersion/kind; known: " + ManifestTypes.known()));
        try {
            return mapper.treeToValue(object, type);
        } catch (UnrecognizedPropertyException e) {
            throw new ManifestException(what + ": unknown field '" + e.getPropertyName() + "' at " + path(e)
                    + " (not in the " + type.getSimpleName() + " API)", e);
        } catch (JsonMappingException e) {
            throw new ManifestException(what + ": invalid value at " + path(e) + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new ManifestException(what + " does not match the " + type.getSimpleName() + " API: " + e.getMessage(), e);
        }
    }

    /** The field path of a mapping error, e.g. {@code spec.template.spec.containers[0].readinesProbe}. */
    private static String path(JsonMappingException e) {
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                path.append('[').append(r.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "(top level)" : path.toString();
    }
}
