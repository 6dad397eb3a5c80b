package dev.imageedit.route;

/** The routing layer's answer when the inputs cannot be served as given (exit 64). */
public record UsageError(String message) {
}
