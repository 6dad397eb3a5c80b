package dev.imageedit.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.run.Api;
import dev.imageedit.run.Backoff;
import dev.imageedit.run.Downloader;
import dev.imageedit.run.Journal;
import dev.imageedit.run.Progress;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Sleeper;
import java.io.PrintWriter;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Builds the runner for a command, and prints what a run did: the one place for both. */
final class Runs {
    private Runs() {
    }

    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    /** The standard poll interval, as the official client's: 2 s. */
    static final double POLL_SECONDS = 2.0;

    /** @param defaultPoll the poll interval in seconds when --poll-interval was not given */
    static Runner runner(Env env, String apiBase, String token, RunOptions options, boolean noWait, PrintWriter err, double defaultPoll) {
        double pollSeconds = options.pollSeconds == null ? defaultPoll : options.pollSeconds;
        if (options.concurrency < 1) {
            throw EditException.usage("--concurrency " + options.concurrency + " must be 1 or more");
        }
        if (pollSeconds <= 0 || options.timeoutSeconds <= 0) {
            throw EditException.usage("--poll-interval and --timeout take a number of seconds above 0");
        }
        Clock clock = Clock.systemUTC();
        Backoff backoff = Backoff.standard(Sleeper.REAL, clock);
        HttpClient http = http();
        return new Runner(new Api(http, apiBase, token, backoff, Api.REQUEST_TIMEOUT), new Downloader(http, apiBase, backoff, Downloader.MAX_BYTES),
                new Journal(Journal.defaultFile(env.vars()), clock), Progress.forRun(err, env.terminal(), options.quiet, env.vars(), clock), Sleeper.REAL, clock,
                new Runner.Settings(options.outputDir, Duration.ofMillis((long) (pollSeconds * 1000)),
                        Duration.ofMillis((long) (options.timeoutSeconds * 1000)), options.concurrency, noWait));
    }

    /**
     * Prints the reports (paths on stdout, or one JSON document) and returns the exit code: the
     * most serious of any request's. After any failure, names every request id not fully saved
     * and the command that resumes it.
     */
    static int print(PrintWriter out, PrintWriter err, boolean json, String endpoint, String mode, List<String> warnings,
                     List<Runner.Report> reports, Runner runner) {
        if (runner.wasInterrupted()) {
            Map<String, String> cancels = runner.cancelUnfinished();
            cancels.forEach((id, outcome) -> err.println("edit: " + id + ": " + outcome));
            reports = cancelled(reports, cancels);
        }
        ExitCode worst = reports.stream().map(Runner.Report::code).max(Comparator.comparingInt(Runs::severity)).orElse(ExitCode.OK);
        if (runner.wasInterrupted()) {
            worst = ExitCode.INTERRUPTED;
        }
        if (json) {
            ObjectNode doc = document(endpoint, mode, warnings, reports);
            if (worst != ExitCode.OK) {
                doc.putObject("error").put("exit_code", worst.code()).put("message", failure(reports, runner.wasInterrupted()));
            }
            out.println(Json.pretty(doc));
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
                err.println("edit: " + (report.requestId() == null ? "" : report.requestId() + ": ") + report.error());
            }
        }
        List<Runner.Report> resumable = reports.stream().filter(Runner.Report::resumable).toList();
        if (!resumable.isEmpty()) {
            err.println("edit: not everything was saved; these requests are recorded in the journal. Resume with:");
            resumable.forEach(r -> err.println("  edit resume " + r.requestId()));
        }
        err.flush();
        return worst.code();
    }

    /**
     * A job that Ctrl-C cancelled while it was queued has ended: it is "cancelled", not
     * "interrupted", and there is nothing to resume.
     */
    private static List<Runner.Report> cancelled(List<Runner.Report> reports, Map<String, String> cancels) {
        return reports.stream().map(r -> "cancelled".equals(cancels.get(r.requestId()))
                ? new Runner.Report(r.requestId(), "cancelled", r.outputs(), r.skipped(), "interrupted (Ctrl-C) while queued, and cancelled: nothing runs or is billed", ExitCode.INTERRUPTED)
                : r).toList();
    }

    /** The top-level message of a failed run: each failed request's error, with its id when there are several. */
    private static String failure(List<Runner.Report> reports, boolean interrupted) {
        List<Runner.Report> failed = reports.stream().filter(r -> r.code() != ExitCode.OK && r.error() != null).toList();
        if (failed.isEmpty()) {
            return interrupted ? "interrupted" : "the run did not finish";
        }
        if (failed.size() == 1) {
            return failed.get(0).error();
        }
        return failed.size() + " of " + reports.size() + " requests failed: " + String.join("; ", failed.stream()
                .map(r -> (r.requestId() == null ? "not submitted" : r.requestId()) + ": " + r.error()).toList());
    }

    /** Interrupted outranks everything; then what the user must fix, then what may pass by itself. */
    private static int severity(ExitCode code) {
        return switch (code) {
            case OK -> 0;
            case RETRYABLE -> 1;
            case UPSTREAM -> 2;
            case USAGE, DATA -> 3;
            case AUTH -> 4;
            case INTERRUPTED -> 5;
        };
    }

    static ObjectNode document(String endpoint, String mode, List<String> warnings, List<Runner.Report> reports) {
        ObjectNode doc = Json.MAPPER.createObjectNode();
        doc.put("endpoint", endpoint);
        doc.put("mode", mode);
        warnings.forEach(doc.putArray("warnings")::add);
        doc.withArray("warnings");
        ArrayNode requests = doc.putArray("requests");
        for (Runner.Report report : reports) {
            ObjectNode r = requests.addObject();
            r.put("request_id", report.requestId());
            r.put("status", report.status());
            ArrayNode outputs = r.putArray("outputs");
            report.outputs().forEach(o -> outputs.addObject().put("url", o.url()).put("path", o.path().toString()));
            ArrayNode skipped = r.putArray("skipped");
            report.skipped().forEach(s -> skipped.addObject().put("url", s.url()).put("reason", s.reason()));
            r.put("error", report.error());
        }
        return doc;
    }
}
