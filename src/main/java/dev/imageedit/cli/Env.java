package dev.imageedit.cli;

import java.io.InputStream;
import java.util.Map;

/**
 * What the commands read from the process, passed in so that tests can give their own.
 *
 * @param vars     environment variables
 * @param stdin    standard input
 * @param terminal whether a person is watching a terminal (live progress, no-echo prompts)
 * @param signals  whether to take over Ctrl-C (a real process only)
 */
record Env(Map<String, String> vars, InputStream stdin, boolean terminal, boolean signals) {
    Env {
        vars = Map.copyOf(vars);
    }

    /** For tests: no terminal, no signal handling. */
    Env(Map<String, String> vars, InputStream stdin) {
        this(vars, stdin, false, false);
    }

    static Env system() {
        return new Env(System.getenv(), System.in, System.console() != null, true);
    }
}
