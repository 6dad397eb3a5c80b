package dev.imageedit.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.run.Api;
import dev.imageedit.run.JobState;
import dev.imageedit.run.Journal;
import dev.imageedit.run.RunListener;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Text;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/** Acting on requests already submitted: list them, ask where one is, cancel one, resume one. */
public final class Requests {
    private final Workspace workspace;

    /**
     * An answer for both front ends: the JSON document, the line a person reads, and a warning
     * (or null) for whoever watches.
     */
    public record Answer(ObjectNode document, String text, String warning) {
    }

    public Requests(Workspace workspace) {
        this.workspace = workspace;
    }

    /** The newest {@code limit} requests the journal knows. */
    public List<Journal.Entry> list(int limit) {
        if (limit < 1) {
            throw EditException.usage("--limit " + limit + " is not allowed: give how many jobs to list, 1 or more (default 20)");
        }
        List<Journal.Entry> entries = workspace.journal().entries();
        return entries.subList(0, Math.min(limit, entries.size()));
    }

    public Answer status(String id) throws InterruptedException {
        Api.checkId(id);
        JobState state = workspace.api(base(id)).status(id);
        Integer position = state instanceof JobState.InQueue q ? q.position() : null;
        ObjectNode doc = Json.MAPPER.createObjectNode().put("request_id", id).put("status", state.label()).put("queue_position", position);
        if (state instanceof JobState.Unknown unknown) {
            doc.put("reported_status", unknown.status());
            return new Answer(doc, "unknown: the API reports " + Text.shown(unknown.status(), null, 100) + ", a status edit does not know", null);
        }
        return new Answer(doc, state.label() + (position == null ? "" : " (position " + position + ")"), null);
    }

    public Answer cancel(String id) throws InterruptedException {
        Api.checkId(id);
        boolean cancelled = workspace.api(base(id)).cancel(id) == Api.CancelOutcome.CANCELLED;
        ObjectNode doc = Json.MAPPER.createObjectNode().put("request_id", id).put("outcome", cancelled ? "cancelled" : "not_cancellable");
        String warning = null;
        if (cancelled) {
            try {
                workspace.journal().finished(id, "cancelled", List.of(), null);
            } catch (EditException e) {
                warning = e.getMessage(); // the cancel happened; a journal that cannot say so must not hide it
            }
        }
        return new Answer(doc, cancelled ? "cancelled"
                : "not cancellable: it is already running (and billed); 'edit resume " + id + "' saves its outputs", warning);
    }

    /**
     * Waits for a request (submitted by this tool or anything else), then saves its outputs, named
     * after the inputs the journal recorded for it. A settings folder of null means the folder the
     * run that submitted the job chose.
     */
    public RunResult resume(String id, RunSettings settings, RunListener listener, Consumer<Runner> started) {
        Api.checkId(id);
        String base = base(id);
        Optional<Journal.Entry> known = workspace.journal().find(id);
        RunSettings resolved = settings.outputDir() != null ? settings : settings.withOutputDir(
                known.map(Journal.Entry::outputDir).filter(dir -> !dir.isEmpty()).map(Path::of).orElse(Path.of(".")));
        Runner runner = workspace.runner(base, resolved, listener);
        runner.preflight();
        started.accept(runner);
        Runner.Report report = runner.resume(id, known.map(Journal.Entry::inputs).orElse(List.of()));
        return Edits.finish(known.map(Journal.Entry::endpoint).orElse(null), "single", List.of(), List.of(report), runner);
    }

    /**
     * The API a request belongs to: the configured one, unless the journal recorded the job on
     * another, and then the call is refused rather than send the id (and the token) to an API
     * that never saw it. A sandbox's jobs end with the sandbox.
     */
    private String base(String id) {
        String configured = workspace.apiBase();
        String recorded = workspace.journal().find(id).map(Journal.Entry::apiBase).orElse("");
        if (recorded.isEmpty() || recorded.equals(Text.withoutUserInfo(configured))) {
            return configured;
        }
        String host = URI.create(recorded).getHost();
        boolean local = "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
        throw EditException.usage("request " + id + " was sent to " + Text.printable(recorded) + ", not to " + Text.withoutUserInfo(configured)
                + (local ? ": it was a local (sandbox) job, and such jobs end with the sandbox that ran them"
                        : ": to act on it, run the command with RUNCOMFY_MODEL_API_BASE=" + Text.printable(recorded)));
    }
}
