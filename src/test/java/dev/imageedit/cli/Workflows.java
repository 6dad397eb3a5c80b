package dev.imageedit.cli;

import dev.imageedit.cli.Cli.Result;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.function.BooleanSupplier;

/** What the workflow tests share: running the command line in this JVM or in a child process, and reading the journal. */
final class Workflows {
    static final ObjectMapper JSON = new ObjectMapper();

    private Workflows() {
    }


    static Map<String, String> env(Path home, String base) {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        if (base != null) {
            env.put("RUNCOMFY_MODEL_API_BASE", base);
            env.put("RUNCOMFY_TOKEN", "tok-workflow");
        }
        return env;
    }

    static Result run(Map<String, String> env, String stdin, String... args) {
        return Cli.run(env, stdin, args);
    }

    /**
     * Starts the real command in a child JVM (this test run's class path) and kills it, as a crash
     * would, once {@code killWhen} is counted down; returns its exit code. Bounded by {@code seconds}.
     */
    static int crash(Map<String, String> env, CountDownLatch killWhen, long seconds, String... args) throws Exception {
        return crash(env, () -> killWhen.getCount() == 0, seconds, args);
    }

    /** As above, killing the child once {@code killWhen} holds (checked every 10 ms). */
    static int crash(Map<String, String> env, BooleanSupplier killWhen, long seconds, String... args) throws Exception {
        return Child.signalled(env, killWhen, "KILL", seconds, args).code();
    }

    /** As a person pressing Ctrl-C once {@code when} holds: SIGINT, then the child's own exit code. */
    static int interrupt(Map<String, String> env, BooleanSupplier when, long seconds, String... args) throws Exception {
        return Child.signalled(env, when, "INT", seconds, args).code();
    }

    /** How many jobs the journal has recorded, for a condition to stop a child at. */
    static BooleanSupplier journalHas(Path home, int jobs) {
        return () -> {
            try {
                return journaled(home).size() >= jobs;
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        };
    }

    /** Request ids the journal recorded as submitted. */
    static Set<String> journaled(Path home) throws IOException {
        Path journal = home.resolve("state/image-edit/journal.jsonl");
        Set<String> ids = new HashSet<>();
        if (!Files.exists(journal)) {
            return ids;
        }
        for (String line : Files.readAllLines(journal)) {
            try {
                JsonNode node = JSON.readTree(line);
                if (node.path("event").asText().equals("submitted")) {
                    ids.add(node.path("request_id").asText());
                }
            } catch (IOException torn) {
                // a line cut short by the kill
            }
        }
        return ids;
    }
}
