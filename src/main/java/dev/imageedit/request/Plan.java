package dev.imageedit.request;

import dev.imageedit.intent.Features;
import dev.imageedit.route.Decision;
import java.util.List;

/**
 * Everything a request will send, validated: nothing in here can be rejected for its shape.
 *
 * @param features what was read from the request
 * @param decision where it goes and why
 * @param warnings the decision's warnings plus options dropped on the way
 * @param calls    one per submission, in order
 */
public record Plan(Features features, Decision decision, List<String> warnings, List<Call> calls) {
    public Plan {
        warnings = List.copyOf(warnings);
        calls = List.copyOf(calls);
    }
}
