package dev.imageedit.app;

import dev.imageedit.intent.Vocabulary;
import dev.imageedit.request.Endpoints;
import dev.imageedit.route.RuleBase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The bundled rules, endpoints and vocabulary, loaded on background threads from the first moment
 * of the process. Building the rule base and reading the data take as long as picocli takes to
 * build its command model, and share nothing with it: on two cores, they overlap.
 */
public final class Bundled {
    private static CompletableFuture<RuleBase> rules;
    private static CompletableFuture<Endpoints> endpoints;
    private static CompletableFuture<Vocabulary> vocabulary;

    private Bundled() {
    }

    /** Starts loading; later calls, and the accessors, reuse what was started. */
    public static synchronized void preload() {
        if (rules == null) {
            rules = background(RuleBase::bundled, "load-rules");
            endpoints = background(Endpoints::bundled, "load-endpoints");
            vocabulary = background(Vocabulary::bundled, "load-vocabulary");
        }
    }

    static RuleBase rules() {
        preload();
        return join(rules);
    }

    public static Endpoints endpoints() {
        preload();
        return join(endpoints);
    }

    static Vocabulary vocabulary() {
        preload();
        return join(vocabulary);
    }

    private static <T> CompletableFuture<T> background(Supplier<T> load, String name) {
        CompletableFuture<T> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(load.get());
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    private static <T> T join(CompletableFuture<T> future) {
        try {
            return future.join();
        } catch (CompletionException e) {
            throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
        }
    }
}
