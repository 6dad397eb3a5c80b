package dev.imageedit.route;

/**
 * Whether one endpoint can take this request's inputs (its images and mask), as its descriptor
 * says. Inserted for every endpoint before the rules run, so that rules never count images.
 *
 * @param endpoint the endpoint id
 * @param fits     true when the endpoint can take the inputs
 * @param reason   why it cannot, for messages ("takes exactly one image; 3 were given"), or ""
 */
public record Fit(String endpoint, boolean fits, String reason) {
    public static Fit yes(String endpoint) {
        return new Fit(endpoint, true, "");
    }

    public static Fit no(String endpoint, String reason) {
        return new Fit(endpoint, false, reason);
    }
}
