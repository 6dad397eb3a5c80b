package dev.imageedit.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.request.Planner;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A manifest of many edits, one JSON object a line, every line planned before anything is sent.
 *
 * @param source  where it was read from: the file's absolute path, or "-" for stdin
 * @param edits   the lines that planned cleanly, in order
 * @param invalid the lines that did not, each with its number and why
 */
public record Manifest(String source, List<Edit> edits, List<Invalid> invalid) {
    /** The fields a line may have: an {@code edit route} line's, plus its outputs' name and later passes. */
    private static final Set<String> FIELDS = Set.of("prompt", "images", "mask", "model", "keep", "options", "name", "then");

    /** A line that cannot run, and what to fix. */
    public record Invalid(int line, ExitCode code, String message) {
    }

    public Manifest {
        edits = List.copyOf(edits);
        invalid = List.copyOf(invalid);
    }

    /** Plans every non-blank line; a bad line is listed, never fatal, so that one run names them all. */
    public static Manifest plan(String source, List<String> lines, Planner planner) {
        List<Edit> edits = new ArrayList<>();
        List<Invalid> invalid = new ArrayList<>();
        Map<String, Integer> names = new HashMap<>();
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int number = i + 1;
            if (lines.get(i).isBlank()) {
                continue;
            }
            try {
                Edit edit = line(lines.get(i), number, planner, seen);
                if (edit.name() != null && names.putIfAbsent(edit.name(), number) != null) {
                    throw EditException.usage("\"name\": \"" + edit.name() + "\" is already line " + names.get(edit.name())
                            + "'s: names keep outputs apart, so each line needs its own");
                }
                edits.add(edit);
            } catch (EditException e) {
                String message = e.getMessage().startsWith("line " + number) ? e.getMessage().replaceFirst("^line \\d+:? ?", "") : e.getMessage();
                invalid.add(new Invalid(number, e.exitCode(), message));
            }
        }
        return new Manifest(source, edits, invalid);
    }

    private static Edit line(String text, int number, Planner planner, Map<String, Integer> seen) {
        JsonNode node = RequestLine.object(text, number);
        List<String> unknown = new ArrayList<>();
        node.fieldNames().forEachRemaining(field -> {
            if (!FIELDS.contains(field)) {
                unknown.add(field);
            }
        });
        if (!unknown.isEmpty()) {
            throw EditException.usage("unknown field" + (unknown.size() > 1 ? "s " : " ") + String.join(", ", unknown)
                    + "; a line takes " + String.join(", ", FIELDS.stream().sorted().toList()));
        }
        EditRequest first = RequestLine.request(node, number);
        String name = name(node.path("name"));
        List<String> then = then(node.path("then"));
        String keep = RequestLine.text(node.path("keep"));
        int occurrence = seen.merge(Edit.key(first, keep, then, name, 0), 1, Integer::sum) - 1;
        return Edit.plan(planner, number, first, keep, then, name, occurrence);
    }

    /** A name becomes part of file names: letters, digits, '.', '_' and '-', and not a hidden file. */
    private static String name(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return null;
        }
        if (!node.isTextual() || !node.asText().matches("[A-Za-z0-9][A-Za-z0-9._-]{0,99}")) {
            throw EditException.usage("\"name\" must be 1-100 letters, digits, '.', '_' or '-', starting with a letter or digit: "
                    + node + " is not");
        }
        return node.asText();
    }

    private static List<String> then(JsonNode node) {
        if (node.isMissingNode() || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw EditException.usage("\"then\" must be a list of prompts, one per later pass");
        }
        List<String> prompts = new ArrayList<>();
        for (JsonNode prompt : node) {
            if (!prompt.isTextual() || prompt.asText().isBlank()) {
                throw EditException.usage("\"then\" must hold prompts (non-empty strings): " + prompt + " is not one");
            }
            prompts.add(prompt.asText());
        }
        return prompts;
    }
}
