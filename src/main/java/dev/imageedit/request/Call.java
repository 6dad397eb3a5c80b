package dev.imageedit.request;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * One HTTP submission: the model URL and the exact JSON body.
 *
 * @param url  {@code <api base>/models/<model path>}
 * @param body the input body, only the fields the user set plus prompt and images
 */
public record Call(String url, ObjectNode body) {
}
