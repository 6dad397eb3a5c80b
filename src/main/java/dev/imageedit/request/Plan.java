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

    /** How many images the calls will return in all: what the run is billed for. */
    public int outputs() {
        return calls.stream().mapToInt(Call::outputs).sum();
    }

    /** "45 calls, 45 images": the cost of the plan in words, for anyone about to pay for it. */
    public String size() {
        int count = calls.size();
        return count + (count == 1 ? " call, " : " calls, ") + outputs() + (outputs() == 1 ? " image" : " images");
    }
}
