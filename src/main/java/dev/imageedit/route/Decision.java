package dev.imageedit.route;

import java.util.List;

/**
 * Where one request goes and why.
 *
 * @param endpoint endpoint id ({@code nano}, {@code gpt}, {@code kontext}, {@code inpaint}, ...)
 * @param model    its model path
 * @param mode     how the request becomes calls
 * @param rules    the names of the rules that fired, in order
 * @param reason   one line a person can read
 * @param warnings things the caller should know
 */
public record Decision(String endpoint, String model, Mode mode, List<String> rules, String reason, List<String> warnings) {
    public Decision {
        rules = List.copyOf(rules);
        warnings = List.copyOf(warnings);
    }
}
