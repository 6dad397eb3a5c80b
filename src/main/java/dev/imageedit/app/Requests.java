package dev.imageedit.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.run.Api;
import dev.imageedit.run.ApiException;
import dev.imageedit.run.JobState;
import dev.imageedit.run.Journal;
import dev.imageedit.run.RunListener;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Text;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
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

    /** The status first: a job that has ended cannot be cancelled, and saying it is "running" would be wrong. */
    public Answer cancel(String id) throws InterruptedException {
        Api.checkId(id);
        Api api = workspace.api(base(id));
        ObjectNode doc = Json.MAPPER.createObjectNode().put("request_id", id);
        JobState before = api.status(id);
        if (!before.terminal()) {
            if (api.cancel(id) == Api.CancelOutcome.CANCELLED) {
                doc.put("outcome", "cancelled");
                String warning = null;
                try {
                    workspace.journal().finished(id, "cancelled", List.of(), null);
                } catch (EditException e) {
                    warning = e.getMessage(); // the cancel happened; a journal that cannot say so must not hide it
                }
                return new Answer(doc, "cancelled", warning);
            }
            before = api.status(id);
        }
        if (before.terminal()) {
            doc.put("outcome", "already_ended").put("status", before.label());
            return new Answer(doc, "not cancelled: it has already ended (" + before.label() + ")"
                    + (before instanceof JobState.Completed ? "; 'edit resume " + id + "' saves its outputs" : ""), null);
        }
        doc.put("outcome", "not_cancellable").put("status", before.label());
        return new Answer(doc, "not cancellable: it is already running (and billed); 'edit resume " + id
                + "' saves its outputs when it ends", null);
    }

    /**
     * What the journal knows of a job, said plainly: "submitted" with no later record means the run
     * stopped waiting before the job ended; "completed" with an error means outputs were not saved.
     */
    public static String shownStatus(Journal.Entry e) {
        return switch (e.status()) {
            case "submitted" -> "not_collected";
            case "completed" -> e.error() == null ? "completed" : "download_failed";
            default -> e.status();
        };
    }

    /** Whether the job ran on the sandbox, or any local stand-in for the API: its recorded base is a loopback address. */
    public static boolean isSandbox(Journal.Entry e) {
        try {
            String host = URI.create(e.apiBase()).getHost();
            if (host == null || host.equalsIgnoreCase("localhost")) {
                return host != null;
            }
            // Literal addresses only: a host name would cost a DNS lookup for every row.
            boolean literal = host.matches("[0-9.]+") || host.startsWith("[");
            return literal && InetAddress.getByName(host.replaceAll("[\\[\\]]", "")).isLoopbackAddress();
        } catch (IllegalArgumentException | UnknownHostException notAUrl) {
            return false;
        }
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
        requireKnown(id, base, known.isPresent());
        RunSettings resolved = settings.outputDir() != null ? settings : settings.withOutputDir(
                known.map(Journal.Entry::outputDir).filter(dir -> !dir.isEmpty()).map(Path::of).orElse(Path.of(".")));
        Runner runner = workspace.runner(base, resolved, listener);
        runner.preflight();
        started.accept(runner);
        Runner.Report report = runner.resume(id, known.map(Journal.Entry::inputs).orElse(List.of()));
        return Edits.finish(known.map(Journal.Entry::endpoint).orElse(null), "single", List.of(), List.of(report), runner);
    }

    /** Not a job the API knows (404): say so, rather than let the run offer to resume it again. */
    private void requireKnown(String id, String base, boolean inJournal) {
        try {
            workspace.api(base).status(id);
        } catch (ApiException e) {
            if (e.status() == 404) {
                throw EditException.data("no request " + id + " at " + Text.withoutUserInfo(base) + (inJournal ? "" : " (nor in the journal)")
                        + ": check the id; 'edit jobs' lists recent ones");
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EditException(ExitCode.INTERRUPTED, "interrupted");
        }
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
