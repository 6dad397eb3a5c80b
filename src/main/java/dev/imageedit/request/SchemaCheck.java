package dev.imageedit.request;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

/**
 * Checks a body against its endpoint's JSON Schema and words each problem for the person who typed
 * the option: {@code --resolution 8K is not one of 0.5K, 1K, 2K, 4K for google/nano-banana-2/edit}.
 */
final class SchemaCheck {
    private static final SchemaRegistry REGISTRY = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> COMPILED = new ConcurrentHashMap<>();

    private SchemaCheck() {
    }

    /**
     * @param labels how each body field was set, for messages ({@code resolution} → {@code --resolution 8K})
     * @return one message per problem, empty when the body is valid
     */
    static List<String> problems(Endpoint endpoint, JsonNode body, Map<String, String> labels) {
        Schema schema = COMPILED.computeIfAbsent(endpoint.model(), m -> REGISTRY.getSchema(endpoint.schema()));
        List<String> problems = new ArrayList<>();
        for (Error problem : schema.validate(body)) {
            problems.add(describe(endpoint, problem, labels));
        }
        problems.sort(null);
        return problems;
    }

    private static String describe(Endpoint endpoint, Error problem, Map<String, String> labels) {
        String field = problem.getInstanceLocation().getNameCount() > 0
                ? String.valueOf(problem.getInstanceLocation().getElement(0))
                : problem.getProperty();
        JsonNode property = endpoint.schema().path("properties").path(field);
        String label = labels.getOrDefault(field, field + " " + problem.getInstanceNode());
        String model = endpoint.model();
        return switch (problem.getKeyword()) {
            case "enum" -> label + " is not one of " + join(property.path("enum")) + " for " + model;
            case "minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum" -> label + " is out of range for " + model
                    + ": allowed " + property.path("minimum").asText("any") + " to " + property.path("maximum").asText("any");
            case "minLength" -> label + " is empty; " + model + " needs a value there";
            case "pattern" -> label + " is not an https:// URL";
            case "minItems", "maxItems" -> model + " takes " + property.path("minItems").asText("0") + " to "
                    + property.path("maxItems").asText("any") + " " + field + " in one call";
            case "additionalProperties" -> problem.getProperty() + " is not an input of " + model + "; its inputs are: "
                    + String.join(", ", fieldNames(endpoint));
            case "required" -> model + " needs " + problem.getProperty();
            default -> label + ": " + problem.getMessage() + " (" + model + ")";
        };
    }

    private static String join(JsonNode values) {
        return StreamSupport.stream(values.spliterator(), false).map(JsonNode::asText).collect(Collectors.joining(", "));
    }

    static List<String> fieldNames(Endpoint endpoint) {
        List<String> names = new ArrayList<>();
        endpoint.schema().path("properties").fieldNames().forEachRemaining(names::add);
        return names;
    }
}
