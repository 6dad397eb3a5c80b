package dev.imageedit.route;

/** Something the caller should know that does not stop the request. */
public record Warning(String message) {
}
