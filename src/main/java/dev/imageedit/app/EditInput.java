package dev.imageedit.app;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One edit as a front end received it, before any of it is read.
 *
 * @param prompt  what to change
 * @param images  source image URLs
 * @param mask    a mask URL, or null
 * @param model   a forced endpoint (id, alias or model path), or null
 * @param keep    what must not change ("face, pose"), made into a leading clause, or null
 * @param options option values by their command-line names (seed, aspect_ratio, ...), plus
 *                {@code set.FIELD} for raw schema fields
 */
public record EditInput(String prompt, List<String> images, String mask, String model, String keep, Map<String, Object> options) {
    public EditInput {
        images = List.copyOf(images);
        options = Collections.unmodifiableMap(new LinkedHashMap<>(options)); // in order: bodies list fields as given
    }
}
