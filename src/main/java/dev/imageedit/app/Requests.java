package dev.imageedit.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.run.Api;
import dev.imageedit.run.JobState;
import dev.imageedit.run.Journal;
import dev.imageedit.run.RunListener;
import dev.imageedit.run.Runner;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Acting on requests already submitted: list them, ask where one is, cancel one, resume one. */
public final class Requests {
    private final Workspace workspace;

    /** An answer for both front ends: the JSON document, and the line a person reads. */
    public record Answer(ObjectNode document, String text) {
    }

    public Requests(Workspace workspace) {
        this.workspace = workspace;
    }

    /** Refuses what is not a request id before it goes into a URL path. */
    public static void checkId(String id) {
        if (id == null || !id.matches("[A-Za-z0-9._-]{1,128}")) {
            throw EditException.usage("'" + id + "' is not a request id: ids are letters, digits, '.', '_' and '-' (see 'edit jobs')");
        }
    }

    /** The folder a request's outputs were meant for when it was submitted, if the journal knows it. */
    public Optional<Path> journalledFolder(String id) {
        return workspace.journal().find(id).map(Journal.Entry::outputDir).filter(dir -> !dir.isBlank()).map(Path::of);
    }

    /** The newest {@code limit} requests the journal knows. */
    public List<Journal.Entry> list(int limit) {
        if (limit < 1) {
            throw EditException.usage("--limit " + limit + " is not allowed: give 1 or more");
        }
        List<Journal.Entry> entries = workspace.journal().entries();
        return entries.subList(0, Math.min(limit, entries.size()));
    }

    public Answer status(String id) throws InterruptedException {
        checkId(id);
        JobState state = workspace.api().status(id);
        Integer position = state instanceof JobState.InQueue q ? q.position() : null;
        ObjectNode doc = Json.MAPPER.createObjectNode().put("request_id", id).put("status", state.label()).put("queue_position", position);
        return new Answer(doc, state.label() + (position == null ? "" : " (position " + position + ")"));
    }

    public Answer cancel(String id) throws InterruptedException {
        checkId(id);
        boolean cancelled = workspace.api().cancel(id) == Api.CancelOutcome.CANCELLED;
        ObjectNode doc = Json.MAPPER.createObjectNode().put("request_id", id).put("outcome", cancelled ? "cancelled" : "not_cancellable");
        return new Answer(doc, cancelled ? "cancelled"
                : "not cancellable: it is already running (and billed); 'edit resume " + id + "' saves its outputs");
    }

    /**
     * Waits for a request (submitted by this tool or anything else), then saves its outputs, named
     * after the inputs the journal recorded for it.
     */
    public RunResult resume(String id, RunSettings settings, RunListener listener, Consumer<Runner> started) {
        checkId(id);
        Optional<Journal.Entry> known = workspace.journal().find(id);
        Runner runner = workspace.runner(settings, listener);
        started.accept(runner);
        Runner.Report report = runner.resume(id, known.map(Journal.Entry::inputs).orElse(List.of()));
        return Edits.finish(known.map(Journal.Entry::endpoint).orElse(null), "single", List.of(), List.of(report), runner);
    }
}
