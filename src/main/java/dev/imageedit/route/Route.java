package dev.imageedit.route;

/**
 * The routing layer's answer: the endpoint chosen and a one-line reason a person can read.
 *
 * @param endpoint endpoint id ({@code nano}, {@code gpt}, ...)
 * @param reason   why, in one line
 */
public record Route(String endpoint, String reason) {
}
