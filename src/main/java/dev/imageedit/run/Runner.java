package dev.imageedit.run;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.request.Call;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Consumer;

/**
 * The one runner every endpoint and mode goes through: submit each call, record its request id
 * before the first poll, poll until it ends, fetch the result and save the outputs. Calls run
 * concurrently up to a bound and share one backoff. Nothing paid for is lost: {@link #preflight()}
 * proves the journal and the output folder writable before anything is sent, every id is in the
 * journal, and every report after a submit carries its id, whatever ended it (a journal that
 * failed after all, an interrupt, a defect), so the caller can say how to resume it.
 */
public final class Runner {
    private final Api api;
    private final Downloader downloader;
    private final Journal journal;
    private final RunListener progress;
    private final Sleeper sleeper;
    private final Clock clock;
    private final Settings settings;
    private final Map<String, JobState> live = new ConcurrentHashMap<>();
    /** Request id to why the journal could not record it: such a job must still be reported, and the exit code say so. */
    private final Map<String, String> unrecorded = new ConcurrentHashMap<>();
    private volatile boolean interrupted;
    private volatile ExecutorService pool;
    private volatile ExecutorService downloads;

    /**
     * @param outputDir    where outputs are saved
     * @param pollInterval time between status checks
     * @param timeout      the longest the whole run waits (the remote jobs keep running after)
     * @param concurrency  calls in flight at once
     * @param noWait       submit and record only
     */
    public record Settings(Path outputDir, Duration pollInterval, Duration timeout, int concurrency, boolean noWait) {
    }

    public record Output(String url, Path path) {
    }

    /**
     * How one call ended.
     *
     * @param requestId null when the submit itself failed
     * @param inputs    the source images the call was made from (empty when a resumed job's are unknown)
     * @param status    in_queue (no-wait), completed, failed, cancelled, unknown (a status this tool does not know),
     *                  timed_out, interrupted or not_submitted
     * @param code      the exit code this report alone calls for
     */
    public record Report(String requestId, List<String> inputs, String status, List<Output> outputs, List<Downloader.Skipped> skipped,
                         String error, ExitCode code) {
        public Report {
            inputs = List.copyOf(inputs);
            outputs = List.copyOf(outputs);
            skipped = List.copyOf(skipped);
        }

        static Report failed(String requestId, List<String> inputs, String status, String error, ExitCode code) {
            return new Report(requestId, inputs, status, List.of(), List.of(), error, code);
        }

        /**
         * Whether {@code edit resume} can still help: the job had not ended when the run stopped, or
         * it ended and an output failed to download. An ended job with nothing left to fetch is final.
         */
        public boolean resumable() {
            boolean ended = status.equals("completed") || status.equals("failed") || status.equals("cancelled") || status.equals("not_submitted");
            return requestId != null && code != ExitCode.OK && (!ended || code == ExitCode.RETRYABLE);
        }
    }

    public Runner(Api api, Downloader downloader, Journal journal, RunListener progress, Sleeper sleeper, Clock clock, Settings settings) {
        this.api = api;
        this.downloader = downloader;
        this.journal = journal;
        this.progress = progress;
        this.sleeper = sleeper;
        this.clock = clock;
        this.settings = settings;
    }

    /**
     * What must hold before anything is paid for: the journal can take a record and the output
     * folder can take a file. Exit 73 otherwise, with nothing sent. Also clears what killed runs
     * left in the output folder.
     */
    public void preflight() {
        journal.checkWritable();
        downloader.prepare(settings.outputDir());
    }

    /**
     * Runs every call of a plan; reports come back in the plan's order. Each call's outputs are
     * named after its input image, the names fixed up front in input order.
     */
    public List<Report> run(List<Call> calls, String model, String prompt) {
        Instant deadline = clock.instant().plus(settings.timeout());
        api.until(deadline);
        List<List<String>> inputs = calls.stream().map(Call::inputs).toList();
        List<String> names = OutputNames.forCalls(inputs);
        progress.expect(calls.size());
        return inPool(inputs, (index, submitted) -> {
            Call call = calls.get(index);
            String id;
            try {
                id = api.submit(model, call.body()).requestId();
            } catch (EditException e) {
                return done(Report.failed(null, call.inputs(), "not_submitted", e.getMessage(), e.exitCode()));
            }
            submitted.accept(id);
            record(id, () -> journal.submitted(id, model, prompt, settings.outputDir(), call.inputs(), api.base()));
            live.put(id, new JobState.InQueue(null));
            progress.submitted(id, model);
            if (settings.noWait()) {
                return done(new Report(id, call.inputs(), "in_queue", List.of(), List.of(), null, ExitCode.OK));
            }
            return await(id, call.inputs(), names.get(index), deadline);
        });
    }

    /**
     * Waits for a request submitted earlier (by this tool or another), then saves its outputs, named
     * after {@code inputs} when the journal knows them, else after the output URLs.
     */
    public Report resume(String requestId, List<String> inputs) {
        Instant deadline = clock.instant().plus(settings.timeout());
        api.until(deadline);
        live.put(requestId, new JobState.InProgress());
        String name = inputs.isEmpty() ? null : OutputNames.forCalls(List.of(inputs)).get(0);
        return inPool(List.of(inputs), (index, submitted) -> {
            submitted.accept(requestId);
            return await(requestId, inputs, name, deadline);
        }).get(0);
    }

    /** Writes to the journal; a failure is kept for the job's report instead of ending the run that paid for it. */
    private void record(String id, Runnable write) {
        try {
            write.run();
        } catch (EditException e) {
            unrecorded.putIfAbsent(id, e.getMessage());
        }
    }

    /** The report with the journal's failure added, when the journal could not record this job. */
    private Report withJournal(Report report) {
        String problem = report.requestId() == null ? null : unrecorded.get(report.requestId());
        if (problem == null) {
            return report;
        }
        String error = report.error() == null ? problem : report.error() + "; " + problem;
        ExitCode code = report.code() == ExitCode.OK ? ExitCode.CANT_CREATE : report.code();
        return new Report(report.requestId(), report.inputs(), report.status(), report.outputs(), report.skipped(), error, code);
    }

    /**
     * A task per index, at most {@code concurrency} remote jobs at once; results in index order.
     * A job's slot is freed as soon as the job ends remotely: its outputs download on a pool of
     * their own while the next job is already queued.
     */
    private List<Report> inPool(List<List<String>> inputs, Task task) {
        int count = inputs.size();
        ExecutorService workers = daemonPool(Math.max(1, Math.min(settings.concurrency(), count)), "edit-run");
        ExecutorService savers = daemonPool(Math.max(1, Math.min(settings.concurrency(), count)), "edit-save");
        pool = workers;
        downloads = savers;
        AtomicReferenceArray<String> ids = new AtomicReferenceArray<>(count);
        try {
            List<Future<Future<Report>>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int index = i;
                futures.add(workers.submit(() -> {
                    if (interrupted) {
                        return done(Report.failed(null, inputs.get(index), "not_submitted", "interrupted before it was submitted",
                                ExitCode.INTERRUPTED));
                    }
                    try {
                        return task.run(index, id -> ids.set(index, id));
                    } catch (InterruptedException e) {
                        return done(interruptedReport(ids.get(index), inputs.get(index)));
                    } catch (RuntimeException e) {
                        return done(failure(ids.get(index), inputs.get(index), e));
                    }
                }));
            }
            List<Report> reports = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                Future<Report> pending = result(futures.get(i));
                Report report = pending == null ? null : result(pending);
                reports.add(withJournal(report == null ? interruptedReport(ids.get(i), inputs.get(i)) : report));
            }
            return reports;
        } finally {
            workers.shutdownNow();
            savers.shutdownNow();
            progress.done();
        }
    }

    private static ExecutorService daemonPool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static Future<Report> done(Report report) {
        return java.util.concurrent.CompletableFuture.completedFuture(report);
    }

    /** One call's work; it hands over its request id as soon as there is one. */
    @FunctionalInterface
    private interface Task {
        Future<Report> run(int index, Consumer<String> submitted) throws InterruptedException;
    }

    private static Report interruptedReport(String id, List<String> inputs) {
        return id == null ? Report.failed(null, inputs, "not_submitted", "interrupted before it was submitted", ExitCode.INTERRUPTED)
                : Report.failed(id, inputs, "interrupted", "interrupted", ExitCode.INTERRUPTED);
    }

    /** A failure that escaped a task, as a report: after a submit it must still carry the id. */
    private static Report failure(String id, List<String> inputs, RuntimeException e) {
        String status = id == null ? "not_submitted" : "failed";
        if (e instanceof EditException edit) {
            return Report.failed(id, inputs, status, edit.getMessage(), edit.exitCode());
        }
        return Report.failed(id, inputs, status, "internal error: " + Text.printable(e.toString()), ExitCode.UPSTREAM);
    }

    /**
     * A future's value; null when it was cancelled or waiting was interrupted. Tasks turn every
     * exception into a report, so only an Error can fail one, and that is rethrown.
     */
    private static <T> T result(Future<T> future) {
        try {
            return future.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        } catch (java.util.concurrent.CancellationException e) {
            return null;
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Polls until the job ends; a completed job's outputs are then saved on the download pool. */
    private Future<Report> await(String id, List<String> inputs, String name, Instant deadline) {
        Ended ended = end(id, inputs, deadline);
        if (ended.failure() != null) {
            return done(ended.failure());
        }
        try {
            return downloads.submit(() -> saveOrReport(id, inputs, name, ended.completed()));
        } catch (RejectedExecutionException stopping) {
            return done(Report.failed(id, inputs, "interrupted", "interrupted before its outputs were saved", ExitCode.INTERRUPTED));
        }
    }

    /** How waiting for a job came out: its completed state, or the report of why there is none. */
    private record Ended(JobState.Completed completed, Report failure) {
    }

    /** Polls until the job ends; a failed, cancelled or timed-out job becomes its report, recorded in the journal. */
    private Ended end(String id, List<String> inputs, Instant deadline) {
        JobState state;
        try {
            state = poll(id, deadline);
        } catch (EditException e) {
            return new Ended(null, Report.failed(id, inputs, live.getOrDefault(id, new JobState.InProgress()).label(), e.getMessage(), e.exitCode()));
        } catch (InterruptedException e) {
            return new Ended(null, Report.failed(id, inputs, "interrupted", "interrupted while "
                    + live.getOrDefault(id, new JobState.InProgress()).label(), ExitCode.INTERRUPTED));
        }
        if (state == null) {
            return new Ended(null, Report.failed(id, inputs, "timed_out", "still " + live.get(id).label() + " after "
                    + settings.timeout().toSeconds() + " s (--timeout); the job keeps running remotely and is billed", ExitCode.RETRYABLE));
        }
        if (state instanceof JobState.Unknown unknown) {
            return new Ended(null, Report.failed(id, inputs, "unknown", "the API reports a status edit does not know: " + Text.shown(unknown.status(), null, 100)
                    + ". It stopped waiting; the job may still run and be billed: see 'edit status " + id + "'", ExitCode.UPSTREAM));
        }
        live.remove(id);
        if (state instanceof JobState.Failed failed) {
            record(id, () -> journal.finished(id, "failed", List.of(), failed.error()));
            return new Ended(null, Report.failed(id, inputs, "failed", "the job failed: " + Text.shown(failed.error(), null, 1000),
                    ExitCode.UPSTREAM));
        }
        if (state instanceof JobState.Cancelled) {
            record(id, () -> journal.finished(id, "cancelled", List.of(), null));
            return new Ended(null, Report.failed(id, inputs, "cancelled", "the job was cancelled", ExitCode.UPSTREAM));
        }
        return new Ended((JobState.Completed) state, null);
    }

    private Report saveOrReport(String id, List<String> inputs, String name, JobState.Completed completed) {
        try {
            return save(id, inputs, name, completed);
        } catch (InterruptedException e) {
            record(id, () -> journal.finished(id, "completed", List.of(), "interrupted while saving"));
            return Report.failed(id, inputs, "interrupted", "interrupted while saving its outputs", ExitCode.INTERRUPTED);
        } catch (RuntimeException e) {
            return failure(id, inputs, e);
        }
    }

    /** The final state, or null when the deadline came first. */
    private JobState poll(String id, Instant deadline) throws InterruptedException {
        while (true) {
            JobState state = api.status(id);
            live.put(id, state);
            progress.state(id, state);
            if (state instanceof JobState.Unknown) {
                return state;
            }
            if (state.terminal()) {
                if (state instanceof JobState.Cancelled) {
                    return state;
                }
                // The status answer may not carry the outputs or the error; the result does, once it agrees.
                JobState result = api.result(id);
                return result.terminal() ? result : state;
            }
            if (!clock.instant().plus(settings.pollInterval()).isBefore(deadline)) {
                return null;
            }
            sleeper.sleep(settings.pollInterval());
        }
    }

    private Report save(String id, List<String> inputs, String name, JobState.Completed completed) throws InterruptedException {
        List<Output> outputs = new ArrayList<>();
        List<Downloader.Skipped> skipped = new ArrayList<>();
        List<String> urls = completed.outputs();
        for (int i = 0; i < urls.size(); i++) {
            String url = urls.get(i);
            long[] seen = {0};
            String fileName = name == null ? null : OutputNames.of(name, i, urls.size());
            Downloader.Outcome outcome = downloader.fetch(url, settings.outputDir(), fileName, total -> {
                progress.downloaded(total - seen[0]);
                seen[0] = total;
            });
            if (outcome instanceof Downloader.Saved saved) {
                outputs.add(new Output(url, saved.path().toAbsolutePath().normalize()));
                progress.saved(saved.path().toAbsolutePath().normalize());
            } else if (outcome instanceof Downloader.Skipped skip) {
                skipped.add(skip);
                progress.note("skipped " + Text.printable(url) + ": " + skip.reason());
            }
        }
        ExitCode code = ExitCode.OK;
        String error = null;
        if (skipped.stream().anyMatch(Downloader.Skipped::retryable)) {
            code = ExitCode.RETRYABLE;
            error = "an output could not be downloaded; 'edit resume " + id + "' fetches it again";
        } else if (outputs.isEmpty()) {
            code = ExitCode.UPSTREAM;
            error = completed.outputs().isEmpty() ? "the job completed with no outputs"
                    : "the job completed, but none of its outputs could be saved: "
                            + String.join("; ", skipped.stream().map(Downloader.Skipped::reason).toList());
        }
        String status = code == ExitCode.OK ? "saved" : "completed";
        String finalError = error;
        record(id, () -> journal.finished(id, status, outputs.stream().map(Output::path).toList(), finalError));
        return new Report(id, inputs, "completed", outputs, skipped, error, code);
    }

    /**
     * One remote job of a workflow, which schedules its own calls (passes that feed each other,
     * the lines of a manifest) but runs them through this runner: same backoff, journal, progress.
     *
     * @param model     the model path the call is submitted to
     * @param requestId the job, when an earlier run submitted it: it is awaited, never submitted again
     * @param name      the base name of its saved outputs
     * @param save      false for a pass whose outputs only feed the next pass
     * @param workflow  what the journal ties the call to, so a re-run finds it
     */
    public record Step(Call call, String model, String prompt, String requestId, String name, boolean save, JsonNode workflow) {
    }

    /**
     * How a step ended.
     *
     * @param report    how the job ended: completed, or the report of why not (what decides whether a chain goes on)
     * @param saved     the report once its outputs are saved, which happens on the runner's download
     *                  pool so that the slot takes the next job meanwhile; {@code report} when nothing is saved
     * @param urls      the job's output URLs, saved or not (what the next pass takes as input)
     * @param submitted whether this run submitted it (false: an earlier run did)
     */
    public record StepResult(Report report, CompletableFuture<Report> saved, List<String> urls, boolean submitted) {
        public StepResult {
            urls = List.copyOf(urls);
        }

        static StepResult ended(Report report, List<String> urls, boolean submitted) {
            return new StepResult(report, CompletableFuture.completedFuture(report), urls, submitted);
        }
    }

    /** Work for one of the runner's slots, such as a chain of passes: it runs its steps in turn. */
    @FunctionalInterface
    public interface Work {
        /** The report of its last step, complete when everything the work saves is saved. */
        Future<Report> run(Instant deadline);
    }

    /**
     * Runs every piece of work at most {@code concurrency} at a time, under one deadline; reports in
     * order. Work not started when the run is interrupted reports {@code not_submitted}.
     *
     * @param inputs the source images of each piece, for the report of one that never ran
     */
    public List<Report> runWork(List<List<String>> inputs, List<Work> work) {
        Instant deadline = clock.instant().plus(settings.timeout());
        api.until(deadline);
        return inPool(inputs, (index, submitted) -> work.get(index).run(deadline));
    }

    /** Submits the step (unless it names a job already submitted), waits for it, and saves its outputs if asked. */
    public StepResult step(Step step, Instant deadline) {
        List<String> inputs = step.call().inputs();
        String id = step.requestId();
        boolean submitted = id == null;
        if (submitted) {
            if (interrupted) {
                return StepResult.ended(Report.failed(null, inputs, "not_submitted", "interrupted before it was submitted",
                        ExitCode.INTERRUPTED), List.of(), false);
            }
            try {
                id = api.submit(step.model(), step.call().body()).requestId();
            } catch (EditException e) {
                return StepResult.ended(Report.failed(null, inputs, "not_submitted", e.getMessage(), e.exitCode()), List.of(), false);
            } catch (InterruptedException e) {
                return StepResult.ended(Report.failed(null, inputs, "not_submitted", "interrupted before it was submitted",
                        ExitCode.INTERRUPTED), List.of(), false);
            }
            String jobId = id;
            record(id, () -> journal.submitted(jobId, step.model(), step.prompt(), settings.outputDir(), inputs, api.base(), step.workflow()));
            progress.submitted(id, step.model());
        }
        live.put(id, submitted ? new JobState.InQueue(null) : new JobState.InProgress());
        Ended ended = end(id, inputs, deadline);
        if (ended.failure() != null) {
            return StepResult.ended(ended.failure(), List.of(), submitted);
        }
        List<String> urls = ended.completed().outputs();
        Report completed = new Report(id, inputs, "completed", List.of(), List.of(), null, ExitCode.OK);
        String jobId = id;
        if (!step.save()) {
            record(id, () -> journal.finished(jobId, "passed", List.of(), null));
            return StepResult.ended(completed, urls, submitted);
        }
        CompletableFuture<Report> saved;
        try {
            saved = CompletableFuture.supplyAsync(() -> saveOrReport(jobId, inputs, step.name(), ended.completed()), downloads);
        } catch (RejectedExecutionException stopped) {
            record(id, () -> journal.finished(jobId, "completed", List.of(), "interrupted before saving"));
            saved = CompletableFuture.completedFuture(Report.failed(id, inputs, "completed", "interrupted before saving its outputs",
                    ExitCode.INTERRUPTED));
        }
        return new StepResult(completed, saved, urls, submitted);
    }

    /** A line on the run's progress display, such as how many edits of a workflow are done. */
    public void announce(String line) {
        progress.line(line);
    }

    /** Ctrl-C: stop submitting and waiting; {@link #cancelUnfinished()} then cancels what is left. */
    public void interrupt() {
        interrupted = true;
        for (ExecutorService running : new ExecutorService[] {pool, downloads}) {
            if (running != null) {
                // Calls still waiting for a slot never start; their futures are cancelled so that
                // nobody waits on them (they report as not submitted).
                running.shutdownNow().forEach(never -> {
                    if (never instanceof Future<?> future) {
                        future.cancel(false);
                    }
                });
            }
        }
    }

    /**
     * Cancels the requests that had not ended when the run was interrupted, and says per request id
     * what that achieved: a running job cannot be cancelled and is still billed.
     */
    public Map<String, String> cancelUnfinished() {
        Map<String, String> outcomes = new java.util.LinkedHashMap<>();
        for (String id : List.copyOf(live.keySet())) {
            try {
                if (api.cancel(id) == Api.CancelOutcome.CANCELLED) {
                    record(id, () -> journal.finished(id, "cancelled", List.of(), null));
                    outcomes.put(id, "cancelled");
                } else {
                    outcomes.put(id, "not cancellable: it is running and will be billed; fetch it later with 'edit resume " + id + "'");
                }
            } catch (EditException e) {
                outcomes.put(id, "cancel failed: " + e.getMessage() + "; it may still run: 'edit resume " + id + "'");
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.put(id, "cancel not sent; it may still run: 'edit resume " + id + "'");
            }
        }
        return outcomes;
    }

    public boolean wasInterrupted() {
        return interrupted;
    }
}
