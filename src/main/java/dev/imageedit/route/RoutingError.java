package dev.imageedit.route;

import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import java.util.List;

/** The rules found the request cannot be served as given; carries the rules that said so. */
public final class RoutingError extends EditException {
    private final List<String> rules;

    public RoutingError(ExitCode code, String message, List<String> rules) {
        super(code, message);
        this.rules = List.copyOf(rules);
    }

    public List<String> rules() {
        return rules;
    }
}
