package dev.imageedit.workflow;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.EditException;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.Preservation;
import dev.imageedit.request.Planner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One edit written as a JSON object: {@code prompt}, {@code images}, {@code mask}, {@code model},
 * {@code keep}, {@code options} (with {@code set} for raw schema fields). The one reader of that
 * shape, for {@code edit route}'s lines and for the lines of a batch manifest.
 */
public final class RequestLine {
    static final ObjectMapper JSON = new ObjectMapper();

    private RequestLine() {
    }

    /** Parses line {@code number} (counted from 1, for messages) into an object. */
    public static JsonNode object(String line, int number) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw EditException.data("line " + number + " is not JSON: " + e.getOriginalMessage());
        }
        if (!node.isObject()) {
            throw EditException.data("line " + number + " is not a JSON object");
        }
        return node;
    }

    public static EditRequest parse(String line, int number) {
        return request(object(line, number), number);
    }

    /** The request an object describes; its other fields are the caller's business. */
    public static EditRequest request(JsonNode node, int number) {
        if (!node.path("prompt").isTextual()) {
            throw EditException.usage("line " + number + " has no \"prompt\" string");
        }
        JsonNode images = node.path("images");
        if (!images.isMissingNode() && !images.isArray()) {
            throw EditException.usage("line " + number + ": \"images\" must be a list of URLs");
        }
        List<String> urls = new ArrayList<>();
        images.forEach(url -> urls.add(url.asText()));
        Map<String, Object> options = new LinkedHashMap<>();
        node.path("options").fields().forEachRemaining(e -> {
            if (e.getKey().equals("set")) {
                e.getValue().fields().forEachRemaining(f -> options.put(Planner.SET_PREFIX + f.getKey(), plain(f.getValue())));
            } else {
                options.put(e.getKey(), plain(e.getValue()));
            }
        });
        String prompt = Preservation.lead(text(node.path("keep")), node.path("prompt").asText());
        return new EditRequest(prompt, urls, text(node.path("mask")), text(node.path("model")), options);
    }

    static String text(JsonNode node) {
        return node.isTextual() ? node.asText() : null;
    }

    private static Object plain(JsonNode value) {
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        return value.isNull() ? null : value.asText();
    }
}
