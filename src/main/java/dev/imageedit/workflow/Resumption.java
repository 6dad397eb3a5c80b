package dev.imageedit.workflow;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.request.Planner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A job that is one pass of a chain, as the journal recorded it: enough to plan the edit again and
 * carry the chain on from that job, without running any pass that already ran.
 *
 * @param tag       the job's workflow record (edit key, step, pass, the edit as asked for)
 * @param outputDir where the chain's outputs go, as the run that submitted it said
 */
public record Resumption(JsonNode tag, Path outputDir) {
    /** The job's record when it belongs to a chain of more than one pass; empty for anything else. */
    public static Optional<Resumption> find(Path journal, String requestId) {
        if (!Files.isRegularFile(journal)) {
            return Optional.empty();
        }
        try (var lines = Files.lines(journal, StandardCharsets.UTF_8)) {
            return lines.map(Resumption::parse).filter(line -> line != null && line.path("event").asText().equals("submitted")
                            && line.path("request_id").asText().equals(requestId) && line.path("workflow").path("passes").asInt(1) > 1)
                    .reduce((first, later) -> later)
                    .map(line -> new Resumption(line.path("workflow"), Path.of(line.path("output_dir").asText())));
        } catch (IOException | java.io.UncheckedIOException e) {
            throw new EditException(ExitCode.DATA, "cannot read the job journal " + journal + ": " + e.getMessage());
        }
    }

    private static JsonNode parse(String text) {
        try {
            return RequestLine.JSON.readTree(text);
        } catch (IOException torn) {
            return null;
        }
    }

    /** The edit planned again, under the key its jobs were journalled with. */
    public Edit edit(Planner planner) {
        Edit edit = Edit.fromDescription(planner, tag.path("line").asInt(1), tag.path("request"));
        if (!edit.key().equals(tag.path("edit").asText())) {
            throw EditException.data("the journal's record of this chain does not plan to the same edit again; "
                    + "run the original command again instead");
        }
        return edit;
    }

    /** Which first-pass call the chain started from (from 1). */
    public int root() {
        return Integer.parseInt(tag.path("step").asText("1").split("\\.")[0]);
    }

    public boolean keepPasses() {
        return tag.path("keep_passes").asBoolean();
    }

    /** The manifest or command the chain came from, as recorded. */
    public String source() {
        return tag.path("manifest").asText("edit");
    }
}
