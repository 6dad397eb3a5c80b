package dev.imageedit.cli;

import dev.imageedit.app.Requests;
import dev.imageedit.app.Json;
import dev.imageedit.app.RunResult;
import dev.imageedit.app.RunSettings;
import dev.imageedit.app.Workspace;
import dev.imageedit.run.Journal;
import java.io.PrintWriter;
import java.util.List;
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
            List<Journal.Entry> entries = new Requests(Workspace.of(env.vars(), null)).list(limit);
            if (json) {
                out.println(Json.pretty(Json.jobs(entries)));
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
            Workspace workspace = Workspace.of(env.vars(), null);
            workspace.tokenWarning().ifPresent(w -> spec.commandLine().getErr().println("warning: " + w));
            Requests.Answer answer = act(new Requests(workspace));
            if (answer.warning() != null) {
                spec.commandLine().getErr().println("warning: " + answer.warning());
            }
            spec.commandLine().getOut().println(json ? Json.pretty(answer.document()) : answer.text());
            return 0;
        }

        /** Does the work; answers with the JSON document and the plain-text line. */
        abstract Requests.Answer act(Requests jobs) throws InterruptedException;
    }

    @Command(name = "status", mixinStandardHelpOptions = true, versionProvider = Version.class, description = "Show where a request is.",
            footerHeading = "%nExamples:%n", footer = {"  edit status 3f2c9d1e-…", "  edit status 3f2c9d1e-… --json"})
    static final class Status extends OnRequest {
        Status(Env env) {
            super(env);
        }

        @Override
        Requests.Answer act(Requests jobs) throws InterruptedException {
            return jobs.status(id);
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
        Requests.Answer act(Requests jobs) throws InterruptedException {
            return jobs.cancel(id);
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
            PrintWriter err = spec.commandLine().getErr();
            Workspace workspace = Workspace.of(env.vars(), null);
            workspace.tokenWarning().ifPresent(w -> err.println("warning: " + w));
            // Without -o, the outputs go where the run that submitted the job would have put them.
            RunSettings settings = run.settings(false);
            if (!spec.commandLine().getParseResult().hasMatchedOption("--output-dir")) {
                settings = settings.withOutputDir(null);
            }
            RunResult result = new Requests(workspace).resume(id, settings, Runs.progress(env, run, err), runner -> {
                if (env.signals()) {
                    Interrupts.install(runner);
                }
            });
            return Runs.print(spec.commandLine().getOut(), err, run, result);
        }
    }
}
