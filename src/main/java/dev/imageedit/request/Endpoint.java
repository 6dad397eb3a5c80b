package dev.imageedit.request;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imageedit.EditException;
import dev.imageedit.intent.Features;
import dev.imageedit.route.Fit;
import dev.imageedit.route.Mode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One endpoint, as its descriptor file says: where it lives, how it takes images and a mask, which
 * command-line option fills which body field, and the JSON Schema its body must satisfy.
 */
public record Endpoint(
        String id,
        String model,
        String title,
        String purpose,
        List<String> aliases,
        String promptField,
        Images images,
        String maskField,
        Map<String, OptionSpec> options,
        JsonNode schema) {

    /**
     * How the endpoint takes images.
     *
     * @param field   the body field
     * @param list    whether the field is a list
     * @param perCall the most images one call takes, all of them references of its outputs
     * @param several what several images become: {@code references} (one multi-reference call when
     *                the prompt composes them, else one call per image) or {@code none} (exactly one
     *                image). A call never turns several images into several results, so there is no
     *                chunking: one instruction over many images is one call each.
     */
    public record Images(String field, boolean list, int perCall, String several) {
    }

    /**
     * One command-line option's mapping.
     *
     * @param field   the body field it fills
     * @param aliases other spellings accepted for enum values ({@code jpg} for {@code jpeg})
     * @param values  a fixed value table, when the option's values are not the field's
     *                (GPT Image's older {@code size}); a null value means "leave the field out"
     */
    public record OptionSpec(String field, Map<String, String> aliases, Map<String, String> values) {
    }

    static Endpoint parse(JsonNode node, String source) {
        String id = required(node, "id", source);
        JsonNode images = node.path("images");
        Map<String, OptionSpec> options = new LinkedHashMap<>();
        node.path("options").fields().forEachRemaining(e -> options.put(e.getKey(), new OptionSpec(
                required(e.getValue(), "field", source),
                strings(e.getValue().path("aliases")),
                e.getValue().has("values") ? strings(e.getValue().path("values")) : null)));
        List<String> aliases = new ArrayList<>();
        node.path("aliases").forEach(a -> aliases.add(a.asText()));
        String several = images.path("several").asText("none");
        if (!List.of("references", "none").contains(several)) {
            throw EditException.data(source + ": images.several must be references or none, not " + several);
        }
        return new Endpoint(
                id,
                required(node, "model", source),
                node.path("title").asText(id),
                node.path("purpose").asText(""),
                aliases,
                node.path("prompt").asText("prompt"),
                new Images(required(images, "field", source), images.path("list").asBoolean(false),
                        images.path("per_call").asInt(1), several),
                node.path("mask").isObject() ? required(node.path("mask"), "field", source) : null,
                options,
                node.path("schema"));
    }

    private static String required(JsonNode node, String field, String source) {
        if (!node.path(field).isTextual() || node.path(field).asText().isBlank()) {
            throw EditException.data(source + ": the descriptor needs a \"" + field + "\" string");
        }
        return node.path(field).asText();
    }

    private static Map<String, String> strings(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        node.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().isNull() ? null : e.getValue().asText()));
        return out;
    }

    /** An option's allowed values in words, from its value table or the schema ("png | jpeg | webp", "integer 1 to 4"). */
    public String allowed(OptionSpec spec) {
        if (spec.values() != null) {
            return String.join(" | ", spec.values().keySet());
        }
        JsonNode property = schema.path("properties").path(spec.field());
        if (property.has("enum")) {
            List<String> values = new ArrayList<>();
            property.path("enum").forEach(v -> values.add(v.asText()));
            return String.join(" | ", values);
        }
        String type = property.path("type").asText("string");
        if (property.has("minimum") || property.has("maximum")) {
            return type + " " + property.path("minimum").asText("") + " to " + property.path("maximum").asText("");
        }
        return type.equals("boolean") ? "flag" : type;
    }

    /** Whether this endpoint can take the request's images and mask, and if not, why. */
    public Fit fit(Features features) {
        int count = features.imageCount();
        if (features.maskGiven() && maskField == null) {
            return Fit.no(id, "takes no mask (--mask); only a mask-driven endpoint does");
        }
        if (!features.maskGiven() && maskField != null) {
            return Fit.no(id, "needs a mask (--mask URL: white marks the region to repaint)");
        }
        if (images.several().equals("none") && count > 1) {
            return Fit.no(id, "takes exactly one image, and " + count + " were given");
        }
        if (images.several().equals("references") && features.composition() && count > images.perCall()) {
            return Fit.no(id, "composes at most " + images.perCall() + " images in one call, and " + count
                    + " were given: pick the " + images.perCall() + " that matter, or compose in stages");
        }
        return Fit.yes(id);
    }

    public Mode mode(Features features) {
        if (features.imageCount() <= 1) {
            return Mode.SINGLE;
        }
        if (!images.several().equals("references")) {
            return Mode.SINGLE; // several images never fit such an endpoint: fit() says so first
        }
        return features.composition() ? Mode.MULTI_REF : Mode.FAN_OUT;
    }

    /** The images of each call, in order. */
    public List<List<String>> calls(Mode mode, List<String> urls) {
        if (mode == Mode.FAN_OUT) {
            return urls.stream().map(List::of).toList();
        }
        return List.of(List.copyOf(urls));
    }
}
