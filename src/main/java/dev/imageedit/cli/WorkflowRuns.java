package dev.imageedit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.ExitCode;
import dev.imageedit.app.Json;
import dev.imageedit.app.RunResult;
import dev.imageedit.app.Workspace;
import dev.imageedit.run.Journal;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Text;
import dev.imageedit.workflow.Chains;
import dev.imageedit.workflow.Edit;
import dev.imageedit.workflow.Ledger;
import dev.imageedit.workflow.Manifest;
import dev.imageedit.workflow.Outcome;
import dev.imageedit.workflow.Pass;
import dev.imageedit.workflow.Resumption;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.Comparator;
import java.util.List;

/**
 * Runs and reports workflows (a manifest's edits, or one edit in passes) for {@code edit batch}
 * and {@code edit --then}: the one place both print from.
 */
final class WorkflowRuns {
    private WorkflowRuns() {
    }

    /**
     * What the run prints: one JSON document at the end, a JSON line per edit as each ends, or
     * (neither) saved paths on stdout and a summary on stderr.
     */
    enum Format { HUMAN, JSON, JSONL }

    /** Every pass's warnings on stderr, each saying which line and pass it is about. */
    static void warn(PrintWriter err, List<Edit> edits, boolean manifest) {
        for (Edit edit : edits) {
            for (Pass pass : edit.passes()) {
                String where = (manifest ? "line " + edit.line() + ", " : "") + "pass " + pass.number() + ": ";
                pass.plan().warnings().forEach(w -> err.println("warning: " + (edit.last() > 1 || manifest ? where : "") + w));
            }
        }
    }

    /** Runs the edits through one runner and prints the report; returns the exit code. */
    static int run(Workspace workspace, Env env, RunOptions options, String source, List<Edit> edits, List<Manifest.Invalid> invalid,
                   boolean keepPasses, Format format, PrintWriter out, PrintWriter err) {
        Runner runner = workspace.runner(options.settings(false), Runs.progress(env, options, err));
        runner.preflight(); // the journal and the output folder, before anything is paid for
        Ledger ledger = Ledger.read(Journal.defaultFile(env.vars()), options.outputDir);
        Chains.Forecast forecast = Chains.forecast(edits, ledger);
        if (forecast.saved() + forecast.resume() + forecast.retry() > 0) {
            err.println("edit: the journal knows this work: " + forecast.text());
        }
        Chains chains = chains(runner, env, ledger, source, keepPasses, format, out);
        return report(runner, source, chains.run(edits), invalid, format, out, err);
    }

    /**
     * {@code edit resume ID} when the job is a pass of a chain: the edit is planned again from the
     * journal, and its chain carried on from that job to the last pass, in the folder it was meant for.
     */
    static int resume(Env env, Resumption chain, RunOptions options, PrintWriter out, PrintWriter err) {
        Workspace workspace = Workspace.of(env.vars(), null);
        workspace.tokenWarning().ifPresent(w -> err.println("warning: " + w));
        Edit edit = chain.edit(workspace.planner());
        options.outputDir = chain.outputDir();
        Runner runner = workspace.runner(options.settings(false), Runs.progress(env, options, err));
        runner.preflight();
        Ledger ledger = Ledger.read(Journal.defaultFile(env.vars()), options.outputDir);
        Format format = options.json ? Format.JSON : Format.HUMAN;
        Chains chains = chains(runner, env, ledger, chain.source(), chain.keepPasses(), format, out);
        return report(runner, "edit", List.of(chains.resume(edit, chain.root())), List.of(), format, out, err);
    }

    private static Chains chains(Runner runner, Env env, Ledger ledger, String source, boolean keepPasses, Format format, PrintWriter out) {
        if (env.signals()) {
            Interrupts.install(runner);
        }
        return new Chains(runner, ledger, source, keepPasses, Clock.systemUTC(), outcome -> {
            if (format == Format.JSONL) {
                synchronized (out) {
                    out.println(Json.line(outcome(outcome)));
                    out.flush();
                }
            }
        });
    }

    private static int report(Runner runner, String source, List<Outcome> outcomes, List<Manifest.Invalid> invalid, Format format,
                              PrintWriter out, PrintWriter err) {
        if (runner.wasInterrupted()) {
            runner.cancelUnfinished().forEach((id, outcome) -> err.println("edit: " + id + ": " + Text.printable(outcome)));
        }
        if (format == Format.JSON) {
            out.println(Json.pretty(document(source, outcomes, invalid)));
        } else if (format == Format.HUMAN) {
            outcomes.forEach(o -> o.results().forEach(s -> s.report().outputs().forEach(saved -> out.println(saved.path()))));
        }
        out.flush();
        summarise(err, outcomes, invalid, source);
        ExitCode worst = outcomes.stream().flatMap(o -> o.steps().stream()).map(s -> s.report().code())
                .max(Comparator.comparingInt(RunResult::severity)).orElse(ExitCode.OK);
        if (outcomes.stream().anyMatch(o -> o.results().isEmpty()) && worst == ExitCode.OK) {
            worst = ExitCode.UPSTREAM;
        }
        if (!invalid.isEmpty() && RunResult.severity(worst) < RunResult.severity(ExitCode.DATA)) {
            worst = ExitCode.DATA;
        }
        if (runner.wasInterrupted()) {
            worst = ExitCode.INTERRUPTED;
        }
        return worst.code();
    }

    private static void summarise(PrintWriter err, List<Outcome> outcomes, List<Manifest.Invalid> invalid, String source) {
        boolean manifest = !source.equals("edit");
        long failed = outcomes.stream().filter(Outcome::failed).count();
        int images = outcomes.stream().mapToInt(Outcome::savedImages).sum();
        long reused = outcomes.stream().flatMap(o -> o.steps().stream()).filter(Outcome.Step::reused).count();
        err.println("edit: " + (manifest ? outcomes.size() + " edits: " + (outcomes.size() - failed) + " done, " : "")
                + images + (images == 1 ? " image" : " images") + " saved"
                + (failed > 0 ? ", " + failed + (manifest ? " failed" : " failed edit") : "")
                + (reused > 0 ? "; " + reused + " jobs taken from earlier runs, not submitted again" : "")
                + (invalid.isEmpty() ? "" : "; " + invalid.size() + " invalid " + (invalid.size() == 1 ? "line" : "lines") + " not run"));
        if (!manifest && outcomes.size() == 1) {
            for (Outcome.Step step : outcomes.get(0).steps()) {
                err.println("  pass " + step.pass() + " " + step.endpoint() + " " + (step.report().requestId() == null ? "-" : step.report().requestId())
                        + " " + step.report().status() + (step.urls().isEmpty() ? "" : " -> " + String.join(" ", step.urls())));
            }
        }
        for (Outcome outcome : outcomes) {
            for (Outcome.Step step : outcome.steps()) {
                if (step.report().error() != null) {
                    err.println("edit: " + (manifest ? "line " + outcome.edit().line() + label(outcome.edit()) + ", " : "")
                            + "pass " + step.pass() + ": " + step.report().error());
                }
            }
        }
        invalid.forEach(i -> err.println("edit: line " + i.line() + " not run: " + i.message()));
        if (failed > 0) {
            err.println("edit: run the same command again to finish: it submits only what was never submitted (or failed), "
                    + "waits for what is still running and skips what is saved");
        }
        err.flush();
    }

    private static String count(int n, String noun) {
        return n + " " + noun + (n == 1 ? "" : "s");
    }

    private static String label(Edit edit) {
        return edit.name() == null ? "" : " (" + edit.name() + ")";
    }

    static ObjectNode document(String source, List<Outcome> outcomes, List<Manifest.Invalid> invalid) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("manifest", source);
        ArrayNode edits = doc.putArray("edits");
        outcomes.forEach(o -> edits.add(outcome(o)));
        invalid(doc.putArray("invalid"), invalid);
        doc.putObject("summary").put("edits", outcomes.size()).put("failed", outcomes.stream().filter(Outcome::failed).count())
                .put("images", outcomes.stream().mapToInt(Outcome::savedImages).sum()).put("invalid", invalid.size());
        return doc;
    }

    static void invalid(ArrayNode array, List<Manifest.Invalid> invalid) {
        invalid.forEach(i -> array.addObject().put("line", i.line()).put("exit_code", i.code().code()).put("message", i.message()));
    }

    /** One edit: its line, name and key, whether it finished, and every step of every pass. */
    static ObjectNode outcome(Outcome outcome) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("line", outcome.edit().line()).put("name", outcome.edit().name()).put("key", outcome.edit().key())
                .put("status", outcome.failed() ? "failed" : "done");
        ArrayNode steps = node.putArray("passes");
        for (Outcome.Step step : outcome.steps()) {
            Runner.Report report = step.report();
            ObjectNode s = steps.addObject().put("pass", step.pass()).put("step", step.step()).put("endpoint", step.endpoint())
                    .put("request_id", report.requestId()).put("status", report.status()).put("reused", step.reused());
            report.inputs().forEach(s.putArray("inputs")::add);
            step.urls().forEach(s.putArray("output_urls")::add);
            s.withArray("output_urls");
            ArrayNode saved = s.putArray("outputs");
            report.outputs().forEach(o -> saved.addObject().put("url", o.url()).put("path", o.path().toString()));
            s.put("error", report.error());
        }
        return node;
    }

    /** {@code --dry-run}: every edit's passes as planned, and what a run would do given the journal. */
    static void dryRun(PrintWriter out, Env env, RunOptions options, String source, List<Edit> edits, List<Manifest.Invalid> invalid, boolean json) {
        Chains.Forecast forecast = Chains.forecast(edits, Ledger.read(Journal.defaultFile(env.vars()), options.outputDir));
        int calls = edits.stream().mapToInt(e -> e.roots().size()).sum();
        int images = edits.stream().mapToInt(Edit::expectedImages).sum();
        if (json) {
            ObjectNode doc = Json.MAPPER.createObjectNode().put("manifest", source);
            ArrayNode list = doc.putArray("edits");
            for (Edit edit : edits) {
                ObjectNode e = list.addObject().put("line", edit.line()).put("name", edit.name()).put("key", edit.key());
                ArrayNode passes = e.putArray("passes");
                edit.passes().forEach(p -> passes.add(Json.plan(p.plan()).put("pass", p.number())));
            }
            invalid(doc.putArray("invalid"), invalid);
            doc.putObject("forecast").put("chains", calls).put("images", images).put("saved", forecast.saved())
                    .put("resume", forecast.resume()).put("submit", forecast.submit()).put("retry", forecast.retry());
            out.println(Json.pretty(doc));
        } else {
            for (Edit edit : edits) {
                StringBuilder line = new StringBuilder(source.equals("edit") ? "" : "line " + edit.line() + label(edit) + ": ");
                for (Pass pass : edit.passes()) {
                    line.append(pass.number() > 1 ? "; then " : "").append("pass ").append(pass.number()).append(' ')
                            .append(pass.plan().decision().model()).append(' ').append(pass.plan().decision().mode().label())
                            .append(" (").append(pass.plan().size()).append(")");
                }
                out.println(line);
            }
            out.println(count(edits.size(), "edit") + ", " + count(calls, "first-pass call") + ", " + count(images, "image")
                    + " expected: " + forecast.text());
        }
        out.flush();
    }
}
