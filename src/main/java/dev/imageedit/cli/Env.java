package dev.imageedit.cli;

import java.io.InputStream;
import java.util.Map;

/**
 * What the commands read from the process, passed in so that tests can give their own.
 *
 * @param vars  environment variables
 * @param stdin standard input
 */
record Env(Map<String, String> vars, InputStream stdin) {
    Env {
        vars = Map.copyOf(vars);
    }

    static Env system() {
        return new Env(System.getenv(), System.in);
    }
}
