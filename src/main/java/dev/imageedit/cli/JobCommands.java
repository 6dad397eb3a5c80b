package dev.imageedit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.run.Api;
import dev.imageedit.run.Backoff;
import dev.imageedit.run.Credentials;
import dev.imageedit.run.JobState;
import dev.imageedit.run.Journal;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Sleeper;
import dev.imageedit.workflow.Resumption;
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

    private static Api api(Env env) {
        String token = new Credentials(env.vars()).require();
        return new Api(Runs.http(), Pipeline.apiBase(env.vars()), token, Backoff.standard(Sleeper.REAL, Clock.systemUTC()), Api.REQUEST_TIMEOUT);
    }

    private static void checkId(String id) {
        if (!id.matches("[A-Za-z0-9._-]{1,128}")) {
            throw EditException.usage("'" + id + "' is not a request id: ids are letters, digits, '.', '_' and '-' (see 'edit jobs')");
        }
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
            checkId(id);
            PrintWriter out = spec.commandLine().getOut();
            ObjectNode doc = Json.MAPPER.createObjectNode().put("request_id", id);
            String text = act(api(env), doc);
            out.println(json ? Json.pretty(doc) : text);
            return 0;
        }

        /** Does the work, fills the JSON document, and returns the plain-text answer. */
        abstract String act(Api api, ObjectNode doc) throws InterruptedException;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Show where a request is.",
            footerHeading = "%nExamples:%n", footer = {"  edit status 3f2c9d1e-…", "  edit status 3f2c9d1e-… --json"})
    static final class Status extends OnRequest {
        Status(Env env) {
            super(env);
        }

        @Override
        String act(Api api, ObjectNode doc) throws InterruptedException {
            JobState state = api.status(id);
            Integer position = state instanceof JobState.InQueue q ? q.position() : null;
            doc.put("status", state.label()).put("queue_position", position);
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
        String act(Api api, ObjectNode doc) throws InterruptedException {
            boolean cancelled = api.cancel(id) == Api.CancelOutcome.CANCELLED;
            doc.put("outcome", cancelled ? "cancelled" : "not_cancellable");
            return cancelled ? "cancelled" : "not cancellable: it is already running (and billed); 'edit resume " + id + "' saves its outputs";
        }
    }

    @Command(name = "resume", mixinStandardHelpOptions = true, versionProvider = Version.class,
            description = "Wait for a request (submitted by edit or anything else), then save its outputs; "
                    + "a pass of an edit in passes is carried on to the last pass.",
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
            checkId(id);
            Optional<Resumption> chain = Resumption.find(Journal.defaultFile(env.vars()), id);
            if (chain.isPresent()) {
                return WorkflowRuns.resume(env, chain.get(), run, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
            String token = new Credentials(env.vars()).require();
            PrintWriter err = spec.commandLine().getErr();
            Runner runner = Runs.runner(env, Pipeline.apiBase(env.vars()), token, run, false, err, Runs.POLL_SECONDS);
            if (env.signals()) {
                Interrupts.install(runner);
            }
            Optional<Journal.Entry> known = new Journal(Journal.defaultFile(env.vars()), Clock.systemUTC()).find(id);
            Runner.Report report = runner.resume(id, known.map(Journal.Entry::inputs).orElse(List.of()));
            return Runs.print(spec.commandLine().getOut(), err, run.json, known.map(Journal.Entry::endpoint).orElse(null), "single",
                    List.of(), List.of(report), runner);
        }
    }
}
