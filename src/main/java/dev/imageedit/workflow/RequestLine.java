package dev.imageedit.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import dev.imageedit.EditException;
import dev.imageedit.Excerpt;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.Preservation;
import dev.imageedit.request.Planner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One edit written as a JSON object: {@code prompt}, {@code images}, {@code mask}, {@code model},
 * {@code keep}, {@code options} (with {@code set} for raw schema fields). The one reader of that
 * shape, for {@code edit route}'s lines and for the lines of a batch manifest: every field of the
 * wrong type is an error naming it, never silently ignored.
 */
public final class RequestLine {
    static final ObjectMapper JSON = new ObjectMapper();

    /** Floats as written: 1e-400 stays itself (and is refused) instead of silently becoming 0. */
    private static final ObjectReader READER = JSON.reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS, DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    /** The fields of an edit; a caller may allow more of its own (a manifest's name and then). */
    public static final List<String> FIELDS = List.of("prompt", "images", "mask", "model", "keep", "options");

    private RequestLine() {
    }

    /** Parses line {@code number} (counted from 1, for messages) into an object. */
    public static JsonNode object(String line, int number) {
        if (line.isBlank()) {
            throw EditException.data("line " + number + " is blank: give one JSON object a line");
        }
        JsonNode node;
        try {
            node = READER.readTree(line);
        } catch (MismatchedInputException e) {
            throw EditException.data("line " + number + " has more after its JSON object: give exactly one object a line");
        } catch (JsonProcessingException e) {
            // Jackson's message names its own parser state ("[Source: REDACTED ...]"): keep what it says about the line.
            String what = e.getOriginalMessage().replaceAll("\\s*\\(start marker at \\[Source:[^\\]]*\\]\\)", "")
                    .replaceAll("\\s*\\[Source:[^\\]]*\\]", "");
            String where = e.getLocation() == null ? "" : " at column " + e.getLocation().getColumnNr();
            throw EditException.data("line " + number + " is not JSON" + where + ": " + what);
        }
        if (node == null || !node.isObject()) {
            throw EditException.data("line " + number + " is not a JSON object: give {\"prompt\": \"...\", \"images\": [\"https://...\"]}");
        }
        return node;
    }

    /** A line holding exactly an edit's fields: a misspelt one ("image") is an error rather than silently unused. */
    public static EditRequest parse(String line, int number) {
        JsonNode node = object(line, number);
        node.fieldNames().forEachRemaining(name -> {
            if (!FIELDS.contains(name)) {
                throw EditException.usage("line " + number + ": \"" + Excerpt.of(name) + "\" is not a field; the fields are "
                        + String.join(", ", FIELDS));
            }
        });
        return request(node, number);
    }

    /** The request an object describes; its other fields are the caller's business. */
    public static EditRequest request(JsonNode node, int number) {
        if (!node.path("prompt").isTextual()) {
            throw EditException.usage("line " + number + " has no \"prompt\" string");
        }
        JsonNode images = node.path("images");
        if (!images.isMissingNode() && !images.isNull() && !images.isArray()) {
            throw EditException.usage("line " + number + ": \"images\" must be a list of URL strings, e.g. [\"https://...\"]");
        }
        List<String> urls = new ArrayList<>();
        for (int i = 0; i < images.size(); i++) {
            if (!images.get(i).isTextual()) {
                throw EditException.usage("line " + number + ": \"images\"[" + i + "] must be a URL string, not " + kind(images.get(i)));
            }
            urls.add(images.get(i).asText());
        }
        Map<String, Object> options = new LinkedHashMap<>();
        JsonNode given = node.path("options");
        if (!given.isMissingNode() && !given.isNull() && !given.isObject()) {
            throw EditException.usage("line " + number + ": \"options\" must be an object, e.g. {\"num_images\": 2}, not " + kind(given));
        }
        given.fields().forEachRemaining(e -> {
            // Option names as on the command line, with '-' or '_': "num-images" is num_images.
            String name = e.getKey().strip().replace('-', '_').toLowerCase(Locale.ROOT);
            if (name.equals("set")) {
                if (!e.getValue().isObject()) {
                    throw EditException.usage("line " + number + ": \"options\".\"set\" must be an object of fields, e.g. {\"limit_generations\": false}");
                }
                e.getValue().fields().forEachRemaining(f -> options.put(Planner.SET_PREFIX + f.getKey(), plain(f.getValue(), "set\".\"" + f.getKey(), number)));
            } else {
                options.put(name, plain(e.getValue(), e.getKey(), number));
            }
        });
        String prompt = Preservation.lead(text(node, "keep", number), node.path("prompt").asText());
        return new EditRequest(prompt, urls, text(node, "mask", number), text(node, "model", number), options);
    }

    /** A string field, or null when absent; any other type is an error naming the field. */
    static String text(JsonNode line, String field, int number) {
        JsonNode node = line.path(field);
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw EditException.usage("line " + number + ": \"" + field + "\" must be a string, not " + kind(node));
        }
        return node.asText();
    }

    static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static String kind(JsonNode node) {
        return node.isArray() ? "a list" : node.isObject() ? "an object" : node.isNull() ? "null" : node.isNumber() ? "a number"
                : node.isBoolean() ? "true/false" : "a string";
    }

    /** An option's value: a string, number or boolean (null leaves it unset); a list or object is an error naming the option. */
    private static Object plain(JsonNode value, String name, int number) {
        if (value.isContainerNode()) {
            throw EditException.usage("line " + number + ": option \"" + Excerpt.of(name) + "\" must be a string, number or true/false, not "
                    + kind(value));
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isNull() ? null : value.asText();
    }
}
