package dev.imageedit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.run.Api;
import dev.imageedit.run.Backoff;
import dev.imageedit.run.JobState;
import dev.imageedit.run.Journal;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Sleeper;
import dev.imageedit.run.Text;
import java.nio.file.Path;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code jobs}, {@code status}, {@code cancel} and {@code resume}: acting on request ids. */
final class JobCommands {
    private JobCommands() {
    }

    private static Api api(Env env, String id, PrintWriter err) {
        String base = base(env, id);
        String token = Runs.token(env, err);
        Api api = new Api(Runs.http(), base, token, Backoff.standard(Sleeper.REAL, Clock.systemUTC()), Api.REQUEST_TIMEOUT);
        // One question to the API: however long a server asks to wait, give up after a request's own timeout.
        api.until(Clock.systemUTC().instant().plus(Api.REQUEST_TIMEOUT));
        return api;
    }

    private static Journal journal(Env env) {
        return new Journal(Journal.defaultFile(env.vars()), Clock.systemUTC());
    }

    /**
     * The API a request belongs to: the configured one, unless the journal recorded the job on
     * another, and then the command refuses rather than send the id (and the token) to an API
     * that never saw it. A sandbox's jobs end with the sandbox.
     */
    private static String base(Env env, String id) {
        String configured = Pipeline.apiBase(env.vars());
        String recorded = journal(env).find(id).map(Journal.Entry::apiBase).orElse("");
        if (recorded.isEmpty() || recorded.equals(Text.withoutUserInfo(configured))) {
            return configured;
        }
        String host = java.net.URI.create(recorded).getHost();
        boolean local = "127.0.0.1".equals(host) || "localhost".equals(host) || "[::1]".equals(host);
        throw EditException.usage("request " + id + " was sent to " + Text.printable(recorded) + ", not to " + Text.withoutUserInfo(configured)
                + (local ? ": it was a local (sandbox) job, and such jobs end with the sandbox that ran them"
                        : ": to act on it, run the command with RUNCOMFY_MODEL_API_BASE=" + Text.printable(recorded)));
    }

    @Command(name = "jobs", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "List recent jobs from the journal, newest first.",
            footerHeading = "%nExamples:%n", footer = {"  edit jobs", "  edit jobs --limit 5 --json"})
    static final class Jobs implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON document on stdout.")
        boolean json;

        @Option(names = {"-n", "--limit"}, paramLabel = "N", description = "How many (default: 20).")
        int limit = 20;

        Jobs(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            List<Journal.Entry> entries = new Journal(Journal.defaultFile(env.vars()), Clock.systemUTC()).entries();
            entries = entries.subList(0, Math.min(Math.max(0, limit), entries.size()));
            if (json) {
                ArrayNode doc = Json.MAPPER.createArrayNode();
                for (Journal.Entry e : entries) {
                    ObjectNode node = doc.addObject().put("request_id", e.requestId()).put("time", e.time()).put("endpoint", e.endpoint())
                            .put("status", e.status()).put("prompt", e.prompt()).put("output_dir", e.outputDir());
                    e.paths().forEach(node.putArray("paths")::add);
                    node.withArray("paths");
                    node.put("error", e.error());
                }
                out.println(Json.pretty(doc));
                return 0;
            }
            for (Journal.Entry e : entries) {
                String prompt = e.prompt().length() > 60 ? e.prompt().substring(0, 57) + "..." : e.prompt();
                out.printf("%s  %-20s  %-10s  %s  %s%n", e.requestId(), e.time().replaceAll("\\.\\d+", ""), e.status(), e.endpoint(), prompt);
            }
            return 0;
        }
    }

    /** A command that acts on one request id through the API: the id, --json, and the client. */
    abstract static class OnRequest implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The request id.")
        String id;

        @Option(names = "--json", description = "Print one JSON document on stdout.")
        boolean json;

        OnRequest(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() throws InterruptedException {
            Api.checkId(id);
            PrintWriter out = spec.commandLine().getOut();
            ObjectNode doc = Json.MAPPER.createObjectNode().put("request_id", id);
            String text = act(api(env, id, spec.commandLine().getErr()), doc, journal(env));
            out.println(json ? Json.pretty(doc) : text);
            return 0;
        }

        /** Does the work, fills the JSON document, and returns the plain-text answer. */
        abstract String act(Api api, ObjectNode doc, Journal journal) throws InterruptedException;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Show where a request is.",
            footerHeading = "%nExamples:%n", footer = {"  edit status 3f2c9d1e-…", "  edit status 3f2c9d1e-… --json"})
    static final class Status extends OnRequest {
        Status(Env env) {
            super(env);
        }

        @Override
        String act(Api api, ObjectNode doc, Journal journal) throws InterruptedException {
            JobState state = api.status(id);
            Integer position = state instanceof JobState.InQueue q ? q.position() : null;
            doc.put("status", state.label()).put("queue_position", position);
            if (state instanceof JobState.Unknown unknown) {
                doc.put("reported_status", unknown.status());
                return "unknown: the API reports " + Text.shown(unknown.status(), null, 100) + ", a status edit does not know";
            }
            return state.label() + (position == null ? "" : " (position " + position + ")");
        }
    }

    @Command(name = "cancel", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Cancel a queued request. A running one cannot be cancelled: it finishes and is billed.",
            footerHeading = "%nExamples:%n", footer = {"  edit cancel 3f2c9d1e-…"})
    static final class Cancel extends OnRequest {
        Cancel(Env env) {
            super(env);
        }

        @Override
        String act(Api api, ObjectNode doc, Journal journal) throws InterruptedException {
            boolean cancelled = api.cancel(id) == Api.CancelOutcome.CANCELLED;
            doc.put("outcome", cancelled ? "cancelled" : "not_cancellable");
            if (cancelled) {
                try {
                    journal.finished(id, "cancelled", List.of(), null);
                } catch (EditException e) {
                    spec.commandLine().getErr().println("warning: " + e.getMessage());
                }
            }
            return cancelled ? "cancelled" : "not cancellable: it is already running (and billed); 'edit resume " + id + "' saves its outputs";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Wait for a request (submitted by edit or anything else), then save its outputs: into -o, else the folder its run chose.",
            footerHeading = "%nExamples:%n", footer = {"  edit resume 3f2c9d1e-… -o out/", "  edit resume 3f2c9d1e-… --json --timeout 1800"})
    static final class Resume implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        @Parameters(paramLabel = "ID", description = "The request id.")
        String id;

        @Mixin
        RunOptions run;

        Resume(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            Api.checkId(id);
            PrintWriter err = spec.commandLine().getErr();
            String base = base(env, id);
            Optional<Journal.Entry> known = journal(env).find(id);
            // Without -o, the outputs go where the run that submitted the job would have put them.
            if (!spec.commandLine().getParseResult().hasMatchedOption("--output-dir")) {
                known.map(Journal.Entry::outputDir).filter(dir -> !dir.isEmpty()).ifPresent(dir -> run.outputDir = Path.of(dir));
            }
            String token = Runs.token(env, err);
            Runner runner = Runs.runner(env, base, token, run, false, err, Runs.POLL_SECONDS);
            runner.preflight();
            if (env.signals()) {
                Interrupts.install(runner);
            }
            Runner.Report report = runner.resume(id, known.map(Journal.Entry::inputs).orElse(List.of()));
            return Runs.print(spec.commandLine().getOut(), err, run, known.map(Journal.Entry::endpoint).orElse(null), "single",
                    List.of(), List.of(report), runner);
        }
    }
}
