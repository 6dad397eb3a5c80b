package dev.imageedit.cli;

import dev.imageedit.ExitCode;
import dev.imageedit.app.Json;
import dev.imageedit.app.RunResult;
import dev.imageedit.run.Progress;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Text;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.List;

/** How the command line shows a run: progress on stderr as it goes, then what it did. */
final class Runs {
    private Runs() {
    }

    /** Live on a terminal, a line per change elsewhere (with --json too: agents read it for liveness), nothing with --quiet. */
    static Progress progress(Env env, RunOptions options, PrintWriter err) {
        return Progress.forRun(err, env.terminal(), options.quiet, env.vars(), Clock.systemUTC());
    }

    /**
     * Prints what a run did (paths on stdout, or one JSON document) and returns its exit code.
     * After any failure, names every request id not fully saved and the command that resumes it.
     */
    static int print(PrintWriter out, PrintWriter err, RunOptions options, RunResult result) {
        result.cancels().forEach((id, outcome) -> err.println("edit: " + id + ": " + outcome));
        List<Runner.Report> reports = result.reports();
        if (options.json) {
            out.println(Json.pretty(result.document()));
        } else {
            for (Runner.Report report : reports) {
                report.outputs().forEach(o -> out.println(o.path()));
                if (report.code() == ExitCode.OK && report.status().equals("in_queue")) {
                    out.println(report.requestId());
                }
            }
        }
        out.flush();
        for (Runner.Report report : reports) {
            if (report.error() != null) {
                err.println("edit: " + (report.requestId() == null ? "" : report.requestId() + ": ") + Text.printable(report.error()));
            }
        }
        if (reports.size() > 1) {
            summarise(err, reports, options.quiet);
        }
        List<Runner.Report> resumable = result.resumable();
        if (!resumable.isEmpty()) {
            err.println("edit: not everything was saved; these requests are recorded in the journal. Resume with:");
            resumable.forEach(r -> err.println("  edit resume " + r.requestId() + inputsNote(r)));
        }
        err.flush();
        return result.exitCode().code();
    }

    /**
     * After a run of several calls: how many were saved, each input with what became of it (with
     * --quiet, only the failed ones), and which inputs failed for good (those need a new run;
     * resumable ones are listed after).
     */
    private static void summarise(PrintWriter err, List<Runner.Report> reports, boolean quiet) {
        long saved = reports.stream().filter(r -> r.code() == ExitCode.OK && !r.outputs().isEmpty()).count();
        long failed = reports.stream().filter(r -> r.code() != ExitCode.OK).count();
        err.println("edit: " + reports.size() + " calls: " + saved + " saved" + (failed > 0 ? ", " + failed + " failed" : ""));
        for (Runner.Report report : reports) {
            String input = report.inputs().isEmpty() ? "(unknown input)" : report.inputs().get(0)
                    + (report.inputs().size() > 1 ? " (+" + (report.inputs().size() - 1) + " references)" : "");
            if (!report.outputs().isEmpty()) {
                if (quiet && report.code() == ExitCode.OK) {
                    continue;
                }
                report.outputs().forEach(o -> err.println("  " + input + " -> " + o.path()));
            } else {
                err.println("  " + input + " -> " + report.status() + (report.error() == null ? "" : ": " + report.error()));
            }
        }
        List<String> lost = reports.stream().filter(r -> r.code() != ExitCode.OK && !r.resumable())
                .flatMap(r -> r.inputs().stream().limit(1)).toList();
        if (!lost.isEmpty()) {
            err.println("edit: to edit only the failed inputs again, run the same command with just: "
                    + String.join(" ", lost.stream().map(url -> "--image " + url).toList()));
        }
    }

    private static String inputsNote(Runner.Report report) {
        return report.inputs().isEmpty() ? "" : "    # " + report.inputs().get(0);
    }
}
