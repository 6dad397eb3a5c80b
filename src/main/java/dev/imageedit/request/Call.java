package dev.imageedit.request;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * One HTTP submission: the model URL, the exact JSON body, and the input images it was made from,
 * so that every output can be traced back to (and named after) its input.
 *
 * @param url     {@code <api base>/models/<model path>}
 * @param body    the input body, only the fields the user set plus prompt and images
 * @param inputs  the source image URLs in the body, in order (the first is the primary one)
 * @param outputs how many images the call is expected to return
 */
public record Call(String url, ObjectNode body, List<String> inputs, int outputs) {
    public Call {
        inputs = List.copyOf(inputs);
    }
}
