package dev.imageedit.cli;

import dev.imageedit.app.Requests;
import dev.imageedit.app.Json;
import dev.imageedit.app.RunResult;
import dev.imageedit.app.RunSettings;
import dev.imageedit.app.Workspace;
import dev.imageedit.request.Endpoints;
import dev.imageedit.run.Api;
import dev.imageedit.run.Journal;
import dev.imageedit.workflow.Resumption;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    @Command(name = "jobs", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class,
            description = "List recent jobs from the journal, newest first.",
            footerHeading = "%nExamples:%n", footer = {"  edit jobs", "  edit jobs --limit 5 --json"})
    static final class Jobs implements Callable<Integer> {
        private final Env env;

        @Spec
        CommandSpec spec;

        @Option(names = "--json", description = "Print one JSON document on stdout.")
        boolean json;

        @Option(names = {"-n", "--limit"}, paramLabel = "N", converter = Converters.Count.class, description = "How many, 1 or more (default: 20).")
        int limit = 20;

        Jobs(Env env) {
            this.env = env;
        }

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            Workspace workspace = Workspace.of(env.vars(), null);
            List<Journal.Entry> entries = new Requests(workspace).list(limit);
            if (json) {
                out.println(Json.pretty(Json.jobs(entries)));
                return 0;
            }
            if (entries.isEmpty()) {
                spec.commandLine().getErr().println("edit: no jobs in the journal yet (" + workspace.journal().file() + ")");
                return 0;
            }
            table(out, entries);
            return 0;
        }

        /**
         * A header and one row a job, the columns aligned, within the terminal's width (COLUMNS, else
         * 80) as far as the fixed columns allow: the prompt, last, gets what they leave, and is left
         * out when that is too little to read. Endpoints go by their short ids (nano, gpt, ...).
         */
        private void table(PrintWriter out, List<Journal.Entry> entries) {
            Map<String, String> ids = new HashMap<>();
            Endpoints.bundled().all().forEach(endpoint -> ids.put(endpoint.model(), endpoint.id()));
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[] {"ID", "SUBMITTED (UTC)", "STATUS", "ENDPOINT", "PROMPT"});
            for (Journal.Entry e : entries) {
                String where = Requests.isSandbox(e) ? " (sandbox)" : "";
                String time = e.time().length() >= 16 ? e.time().substring(0, 16).replace('T', ' ') : e.time();
                rows.add(new String[] {e.requestId(), time, Requests.shownStatus(e).replace('_', ' '),
                    ids.getOrDefault(e.endpoint(), e.endpoint()) + where, e.prompt().replaceAll("\\s+", " ").strip()});
            }
            int[] widths = new int[4];
            for (String[] row : rows) {
                for (int i = 0; i < widths.length; i++) {
                    widths[i] = Math.max(widths[i], row[i].length());
                }
            }
            int room = width();
            for (int width : widths) {
                room -= width + 2;
            }
            for (String[] row : rows) {
                StringBuilder line = new StringBuilder();
                for (int i = 0; i < widths.length; i++) {
                    line.append(String.format("%-" + widths[i] + "s  ", row[i]));
                }
                if (room >= MIN_PROMPT) {
                    line.append(row[4].length() > room ? row[4].substring(0, room - 1) + "…" : row[4]);
                }
                out.println(line.toString().stripTrailing());
            }
            if (rows.stream().anyMatch(row -> row[2].equals("not collected") || row[2].equals("download failed"))) {
                PrintWriter err = spec.commandLine().getErr();
                err.println("not collected: edit stopped waiting for it (--timeout, --no-wait, Ctrl-C)");
                err.println("download failed: it ended, but its outputs were not all saved");
                err.println("'edit resume ID' fetches either");
            }
        }

        /** Fewer characters of a prompt than this say nothing: the column is left out instead. */
        private static final int MIN_PROMPT = 10;

        private int width() {
            String columns = env.vars().get("COLUMNS");
            return columns != null && columns.strip().matches("\\d{2,4}") ? Integer.parseInt(columns.strip()) : 80;
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

    @Command(name = "status", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class, description = "Show where a request is.",
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

    @Command(name = "cancel", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class,
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

    @Command(name = "resume", mixinStandardHelpOptions = true, addMethodSubcommands = false, versionProvider = Version.class,
            description = "Wait for a request (submitted by edit or anything else), then save its outputs: into -o, else the folder its "
                    + "run chose; a pass of an edit in passes is carried on to the last pass.",
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
            Optional<Resumption> chain = Resumption.find(Journal.defaultFile(env.vars()), id);
            if (chain.isPresent()) {
                return WorkflowRuns.resume(env, chain.get(), run, spec.commandLine().getOut(), spec.commandLine().getErr());
            }
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
