package dev.imageedit.workflow;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.ExitCode;
import dev.imageedit.request.Call;
import dev.imageedit.run.OutputNames;
import dev.imageedit.run.Runner;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Runs the edits of a workflow through one runner: every call of the first pass starts a chain,
 * and each output of a pass feeds its own call of the next pass, on the same slot of the runner
 * (so the concurrency bound counts jobs, not chains). Before each step it asks the journal's
 * {@link Ledger}: a step an earlier run submitted is awaited instead of submitted again, and a
 * chain whose last pass is saved is skipped without a request.
 */
public final class Chains {
    private final Runner runner;
    private final Ledger ledger;
    private final String source;
    private final boolean keepPasses;
    private final Clock clock;
    private final Consumer<Outcome> finished;

    /**
     * @param source     the manifest's path, "-", or "edit" for one command: recorded with each job, for people reading the journal
     * @param keepPasses save every pass's outputs, not only the last's
     * @param finished   told of each edit as soon as all its chains have ended, from the runner's threads
     */
    public Chains(Runner runner, Ledger ledger, String source, boolean keepPasses, Clock clock, Consumer<Outcome> finished) {
        this.runner = runner;
        this.ledger = ledger;
        this.source = source;
        this.keepPasses = keepPasses;
        this.clock = clock;
        this.finished = finished;
    }

    /** Runs every edit; outcomes in the edits' order. */
    public List<Outcome> run(List<Edit> edits) {
        return run(edits, null);
    }

    /**
     * Runs one chain of an edit: the one that starts at first-pass call {@code root} (from 1). Its
     * jobs that the journal knows are awaited, the others submitted.
     */
    public Outcome resume(Edit edit, int root) {
        return run(List.of(edit), root).get(0);
    }

    /** One edit while it runs: the steps its chains have taken, and how many chains are still open. */
    private static final class Running {
        final Edit edit;
        final Queue<Outcome.Step> steps = new ConcurrentLinkedQueue<>();
        final AtomicInteger open;
        volatile Outcome outcome;

        Running(Edit edit, int chains) {
            this.edit = edit;
            this.open = new AtomicInteger(chains);
        }

        /** A chain whose saving failed outright never closed its edit: then what its steps did. */
        Outcome outcome() {
            return outcome != null ? outcome : new Outcome(edit, List.copyOf(steps));
        }
    }

    /** @param only the one first-pass call (from 1) to run a chain from, or null for all */
    private List<Outcome> run(List<Edit> edits, Integer only) {
        List<List<String>> names = names(edits);
        Counts counts = new Counts(edits, clock.instant());
        List<Running> running = new ArrayList<>();
        List<List<String>> inputs = new ArrayList<>();
        List<Runner.Work> work = new ArrayList<>();
        List<Root> roots = new ArrayList<>();
        for (int e = 0; e < edits.size(); e++) {
            Edit edit = edits.get(e);
            Running state = new Running(edit, only == null ? edit.roots().size() : 1);
            running.add(state);
            for (int c = 0; c < edit.roots().size(); c++) {
                if (only != null && c + 1 != only) {
                    continue;
                }
                Root root = new Root(state, String.valueOf(c + 1), edit.roots().get(c), names.get(e).get(c), new AtomicBoolean());
                roots.add(root);
                inputs.add(root.call().inputs());
                work.add(deadline -> {
                    root.started().set(true);
                    List<CompletableFuture<?>> saving = new ArrayList<>();
                    CompletableFuture<Runner.Report> last = walk(edit, 1, root.place(), root.call(), root.name(), state.steps, saving, deadline);
                    return CompletableFuture.allOf(saving.toArray(CompletableFuture[]::new)).thenApply(done -> {
                        close(state, counts);
                        return last.join();
                    });
                });
            }
        }
        List<Runner.Report> reports = runner.runWork(inputs, work);
        for (int i = 0; i < roots.size(); i++) {
            Root root = roots.get(i);
            if (!root.started().get()) {
                // Its turn never came (the run was interrupted): the runner's report says so.
                Edit edit = root.state().edit;
                root.state().steps.add(new Outcome.Step(1, root.place(), model(edit, 1), reports.get(i), List.of(), false));
                close(root.state(), counts);
            }
        }
        return running.stream().map(Running::outcome).toList();
    }

    /** A chain to run: its edit, its first-pass call and place, the base name of its outputs. */
    private record Root(Running state, String place, Call call, String name, AtomicBoolean started) {
    }

    private void close(Running state, Counts counts) {
        if (state.open.decrementAndGet() > 0) {
            return;
        }
        Outcome outcome = new Outcome(state.edit, List.copyOf(state.steps));
        state.outcome = outcome;
        counts.add(outcome, clock.instant(), runner::announce);
        finished.accept(outcome);
    }

    private static final Set<String> ENDED_EMPTY = Set.of("failed", "cancelled");

    /**
     * Runs pass {@code pass} of one chain at {@code place}, then the passes after it on each of its
     * outputs; a step's outputs save while the next pass runs, and {@code saving} collects them.
     */
    private CompletableFuture<Runner.Report> walk(Edit edit, int pass, String place, Call call, String name, Queue<Outcome.Step> steps,
                                                  List<CompletableFuture<?>> saving, Instant deadline) {
        if (saved(edit, pass, place)) {
            return CompletableFuture.completedFuture(skip(edit, pass, place, call, steps));
        }
        boolean last = pass == edit.last();
        Optional<Ledger.Known> known = ledger.find(edit.key(), place).filter(Ledger.Known::reusable);
        boolean save = last || keepPasses && !known.map(Ledger.Known::saved).orElse(false);
        Runner.Step step = new Runner.Step(call, model(edit, pass), edit.passes().get(pass - 1).request().prompt(),
                known.map(Ledger.Known::requestId).orElse(null), last ? name : name + "-pass" + pass, save, tag(edit, pass, place));
        Runner.StepResult result = runner.step(step, deadline);
        if (!result.submitted() && ENDED_EMPTY.contains(result.report().status())) {
            // Found ended without outputs (cancelled by the Ctrl-C that stopped the last run, say): a
            // re-run is asked to finish the work, and that job made nothing to pay for twice.
            result = runner.step(new Runner.Step(call, step.model(), step.prompt(), null, step.name(), save, step.workflow()), deadline);
        }
        Runner.StepResult ended = result;
        saving.add(ended.saved().thenAccept(report -> steps.add(new Outcome.Step(pass, place, step.model(), report, ended.urls(),
                !ended.submitted()))));
        if (last || ended.report().code() != ExitCode.OK) {
            return ended.saved();
        }
        List<String> urls = ended.urls();
        if (urls.isEmpty()) {
            Runner.Report none = new Runner.Report(null, List.of(), "not_submitted", List.of(), List.of(),
                    "pass " + pass + " (" + ended.report().requestId() + ") completed with no output to take into pass " + (pass + 1),
                    ExitCode.UPSTREAM);
            steps.add(new Outcome.Step(pass + 1, place + ".1", model(edit, pass + 1), none, List.of(), false));
            return CompletableFuture.completedFuture(none);
        }
        CompletableFuture<Runner.Report> report = null;
        for (int j = 0; j < urls.size(); j++) {
            report = walk(edit, pass + 1, place + "." + (j + 1), edit.callOn(pass + 1, urls.get(j)),
                    urls.size() > 1 ? name + "-v" + (j + 1) : name, steps, saving, deadline);
        }
        return report;
    }

    /** The chain from {@code place} on is saved to its last pass, as far as the journal and the disk say. */
    private boolean saved(Edit edit, int pass, String place) {
        Optional<Ledger.Known> known = ledger.find(edit.key(), place);
        if (pass == edit.last()) {
            return known.map(Ledger.Known::saved).orElse(false);
        }
        List<String> next = ledger.next(edit.key(), place);
        return known.filter(k -> k.reusable() && k.ended()).isPresent() && !next.isEmpty()
                && next.stream().allMatch(n -> saved(edit, pass + 1, n));
    }

    /** Reports a saved chain from the journal alone: no request is made for it. */
    private Runner.Report skip(Edit edit, int pass, String place, Call call, Queue<Outcome.Step> steps) {
        Ledger.Known known = ledger.find(edit.key(), place).orElseThrow();
        List<Runner.Output> outputs = known.status().equals("saved")
                ? known.paths().stream().map(p -> new Runner.Output(null, Path.of(p))).toList() : List.of();
        Runner.Report report = new Runner.Report(known.requestId(), call.inputs(), "saved", outputs, List.of(), null, ExitCode.OK);
        steps.add(new Outcome.Step(pass, place, model(edit, pass), report, List.of(), true));
        if (pass == edit.last()) {
            return report;
        }
        for (String next : ledger.next(edit.key(), place)) {
            report = skip(edit, pass + 1, next, edit.callOn(pass + 1, Edit.PREVIOUS_OUTPUT), steps);
        }
        return report;
    }

    private static String model(Edit edit, int pass) {
        return edit.passes().get(pass - 1).plan().decision().model();
    }

    /**
     * What the journal ties the job to: the edit's key and the step's place (what a re-run looks
     * up), the manifest, line and pass for people, and the edit as asked for, so that the journal
     * alone can carry a chain on from any of its jobs ({@code edit resume}).
     */
    private ObjectNode tag(Edit edit, int pass, String place) {
        ObjectNode tag = RequestLine.JSON.createObjectNode();
        tag.put("manifest", source).put("line", edit.line()).put("edit", edit.key()).put("step", place)
                .put("pass", pass).put("passes", edit.last()).put("keep_passes", keepPasses);
        tag.set("request", edit.describe());
        return tag;
    }

    /**
     * The base name of each first-pass call's outputs, fixed before anything runs. An edit with a
     * {@code name} uses it (plus the input's name when it makes several calls); the others are named
     * after their inputs, made unique across the whole workflow so no two lines' outputs collide.
     */
    static List<List<String>> names(List<Edit> edits) {
        List<List<String>> unnamedInputs = new ArrayList<>();
        edits.stream().filter(e -> e.name() == null).forEach(e -> e.roots().forEach(c -> unnamedInputs.add(c.inputs())));
        Iterator<String> unnamed = OutputNames.forCalls(unnamedInputs).iterator();
        List<List<String>> names = new ArrayList<>();
        for (Edit edit : edits) {
            List<String> own = new ArrayList<>();
            if (edit.name() == null) {
                edit.roots().forEach(c -> own.add(unnamed.next()));
            } else if (edit.roots().size() == 1) {
                own.add(edit.name());
            } else {
                OutputNames.forCalls(edit.roots().stream().map(Call::inputs).toList()).forEach(n -> own.add(edit.name() + "-" + n));
            }
            names.add(own);
        }
        return names;
    }

    /** What a re-run would do with each chain, by the journal: the answer of {@code --dry-run}. */
    public record Forecast(int saved, int resume, int submit, int retry) {
        public String text() {
            return saved + " saved, " + resume + " to resume, " + submit + " to submit"
                    + (retry > 0 ? ", " + retry + " to submit again (failed or cancelled before)" : "");
        }
    }

    public static Forecast forecast(List<Edit> edits, Ledger ledger) {
        Chains chains = new Chains(null, ledger, "", false, Clock.systemUTC(), o -> { });
        int saved = 0;
        int resume = 0;
        int submit = 0;
        int retry = 0;
        for (Edit edit : edits) {
            for (int c = 1; c <= edit.roots().size(); c++) {
                String place = String.valueOf(c);
                Optional<Ledger.Known> known = ledger.find(edit.key(), place);
                if (chains.saved(edit, 1, place)) {
                    saved++;
                } else if (known.isEmpty()) {
                    submit++;
                } else if (known.get().reusable()) {
                    resume++;
                } else {
                    retry++;
                }
            }
        }
        return new Forecast(saved, resume, submit, retry);
    }

    /** The running count the progress display shows as each edit ends: "37/120 edits, 112/300 images, 2 failed, ETA 1m05s". */
    private static final class Counts {
        private final int edits;
        private final int images;
        private final Instant start;
        private int done;
        private int saved;
        private int failed;

        Counts(List<Edit> edits, Instant start) {
            this.edits = edits.size();
            this.images = edits.stream().mapToInt(Edit::expectedImages).sum();
            this.start = start;
        }

        /** Counts the edit and shows the new totals, under one lock, so lines never go backwards. */
        synchronized void add(Outcome outcome, Instant now, java.util.function.Consumer<String> show) {
            done++;
            saved += outcome.savedImages();
            failed += outcome.failed() ? 1 : 0;
            StringBuilder line = new StringBuilder().append(done).append('/').append(edits).append(" edits, ")
                    .append(saved).append('/').append(images).append(" images");
            if (failed > 0) {
                line.append(", ").append(failed).append(" failed");
            }
            if (done < edits) {
                long left = Duration.between(start, now).toMillis() * (edits - done) / done;
                line.append(", ETA ").append(left / 60_000).append('m').append(String.format("%02d", left / 1000 % 60)).append('s');
            }
            show.accept(line.toString());
        }
    }
}
