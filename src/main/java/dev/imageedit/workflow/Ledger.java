package dev.imageedit.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What the journal says earlier runs of workflows did in one output folder: for each step of each
 * edit (by the edit's key and the step's place in its chain), the newest job and how it ended.
 * A re-run asks here before it submits anything.
 */
public final class Ledger {
    /**
     * A job an earlier run submitted.
     *
     * @param status submitted (not known to have ended), passed (ended, outputs fed the next pass),
     *               saved, completed (ended, not everything saved), failed or cancelled
     */
    public record Known(String requestId, String status, List<String> paths) {
        public Known {
            paths = List.copyOf(paths);
        }

        /** Its outputs are on disk: nothing to do. */
        public boolean saved() {
            return status.equals("saved") && !paths.isEmpty() && paths.stream().allMatch(p -> Files.isRegularFile(Path.of(p)));
        }

        /** A job that ended failed or cancelled made nothing to pay for twice: such a step is submitted again. */
        public boolean reusable() {
            return !status.equals("failed") && !status.equals("cancelled");
        }

        /** It ended, one way or another: only its result is left to read. */
        public boolean ended() {
            return !status.equals("submitted");
        }
    }

    private final Map<String, Known> steps;

    private Ledger(Map<String, Known> steps) {
        this.steps = steps;
    }

    private static Ledger empty() {
        return new Ledger(Map.of());
    }

    /** Reads the journal; lines torn by a crash are skipped. Only jobs whose outputs were to go to {@code outputDir} count. */
    public static Ledger read(Path journal, Path outputDir) {
        if (!Files.isRegularFile(journal)) {
            return empty();
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(journal, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new EditException(ExitCode.DATA, "cannot read the job journal " + journal + ": " + e.getMessage());
        }
        String folder = outputDir.toAbsolutePath().normalize().toString();
        Map<String, String> stepOf = new HashMap<>();
        Map<String, Known> byId = new HashMap<>();
        Map<String, Known> steps = new HashMap<>();
        for (String text : lines) {
            JsonNode line;
            try {
                line = RequestLine.JSON.readTree(text);
            } catch (IOException torn) {
                continue;
            }
            String id = line.path("request_id").asText("");
            if (id.isEmpty()) {
                continue;
            }
            JsonNode workflow = line.path("workflow");
            if (line.path("event").asText().equals("submitted")) {
                if (workflow.isObject() && line.path("output_dir").asText().equals(folder)) {
                    String step = slot(workflow.path("edit").asText(), workflow.path("step").asText());
                    stepOf.put(id, step);
                    Known known = new Known(id, "submitted", List.of());
                    byId.put(id, known);
                    steps.put(step, known);
                }
                continue;
            }
            Known old = byId.get(id);
            if (old == null) {
                continue;
            }
            String status = line.path("status").asText();
            if (status.equals("passed") && old.status().equals("saved")) {
                continue; // a kept pass read again to feed the next one: its files are still its own
            }
            List<String> paths = new ArrayList<>();
            line.path("paths").forEach(p -> paths.add(p.asText()));
            Known now = new Known(id, status, paths);
            byId.put(id, now);
            if (steps.get(stepOf.get(id)) == old) {
                steps.put(stepOf.get(id), now);
            }
        }
        return new Ledger(steps);
    }

    private static String slot(String edit, String step) {
        return edit + "/" + step;
    }

    public Optional<Known> find(String edit, String step) {
        return Optional.ofNullable(steps.get(slot(edit, step)));
    }

    /** The steps that took the outputs of {@code step} further, in output order. */
    public List<String> next(String edit, String step) {
        List<String> next = new ArrayList<>();
        for (int i = 1; steps.containsKey(slot(edit, step + "." + i)); i++) {
            next.add(step + "." + i);
        }
        return next;
    }
}
