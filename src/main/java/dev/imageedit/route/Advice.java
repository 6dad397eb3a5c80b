package dev.imageedit.route;

/**
 * How the prompt could be written to work better, from the model documents' guidance. Advice is
 * reported with the warnings and never blocks a run, unless the caller asks for {@code --strict}.
 */
public record Advice(String message) {
}
