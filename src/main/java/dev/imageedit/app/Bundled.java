package dev.imageedit.app;

import dev.imageedit.intent.Vocabulary;
import dev.imageedit.request.Endpoints;
import dev.imageedit.route.RuleBase;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * The bundled rules, endpoints and vocabulary, each loaded once on a background thread of its own.
 * A call that will route starts all three from the first moment of the process: building the rule
 * base and reading the data take as long as picocli takes to build its command model, and share
 * nothing with it, so on two cores they overlap. A call that needs only the endpoints loads only them.
 */
public final class Bundled {
    private static final Loader<RuleBase> RULES = new Loader<>(RuleBase::bundled, "load-rules");
    private static final Loader<Endpoints> ENDPOINTS = new Loader<>(Endpoints::bundled, "load-endpoints");
    private static final Loader<Vocabulary> VOCABULARY = new Loader<>(Vocabulary::bundled, "load-vocabulary");

    private Bundled() {
    }

    /** Starts loading all three; later calls, and the accessors, reuse what was started. */
    public static void preload() {
        RULES.start();
        ENDPOINTS.start();
        VOCABULARY.start();
    }

    static RuleBase rules() {
        return RULES.get();
    }

    public static Endpoints endpoints() {
        return ENDPOINTS.get();
    }

    static Vocabulary vocabulary() {
        return VOCABULARY.get();
    }

    /** One thing to load, on a daemon thread started by the first to ask for it. */
    private static final class Loader<T> {
        private final Supplier<T> load;
        private final String name;
        private CompletableFuture<T> result;

        Loader(Supplier<T> load, String name) {
            this.load = load;
            this.name = name;
        }

        synchronized CompletableFuture<T> start() {
            if (result == null) {
                CompletableFuture<T> future = new CompletableFuture<>();
                Thread thread = new Thread(() -> {
                    try {
                        future.complete(load.get());
                    } catch (RuntimeException | Error e) {
                        future.completeExceptionally(e);
                    }
                }, name);
                thread.setDaemon(true);
                thread.start();
                result = future;
            }
            return result;
        }

        T get() {
            try {
                return start().join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException runtime ? runtime : e;
            }
        }
    }
}
