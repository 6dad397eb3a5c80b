package dev.imageedit.route;

import dev.imageedit.intent.Features;
import java.util.List;

/** What routing needs to know about the endpoints, without knowing HTTP or schemas. */
public interface EndpointCatalog {
    /** Every endpoint id, in a stable order. */
    List<String> ids();

    /** The model path of an endpoint ({@code google/nano-banana-2/edit}). */
    String model(String endpoint);

    /** Whether the endpoint can take this request's images and mask, and if not, why. */
    Fit fit(String endpoint, Features features);

    /** How a request becomes calls on this endpoint. */
    Mode mode(String endpoint, Features features);
}
