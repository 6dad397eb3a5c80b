package dev.imageedit.intent;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What the caller asked for, before any interpretation.
 *
 * @param prompt  the edit instruction
 * @param images  source image URLs, in the order given
 * @param mask    mask image URL, or null
 * @param model   the endpoint forced with {@code --model}, or null
 * @param options option values keyed by their snake_case name ({@code num_images}, {@code resolution}),
 *                as typed on the command line or given in JSON; {@code set} fields are keyed {@code set.FIELD}
 */
public record EditRequest(String prompt, List<String> images, String mask, String model, Map<String, Object> options) {
    public EditRequest {
        prompt = prompt == null ? "" : prompt;
        images = List.copyOf(images == null ? List.of() : images);
        options = options == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(options));
    }

    /** The requested number of outputs when it is a whole number, else 1 (validation reports it later). */
    public int requestedOutputs() {
        Object value = options.get("num_images");
        if (value instanceof Number n) {
            return n.intValue();
        }
        try {
            return value == null ? 1 : Integer.parseInt(Objects.toString(value).trim());
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
