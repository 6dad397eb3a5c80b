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
        if (options.concurrency < 1 || options.concurrency > RunOptions.MAX_CONCURRENCY) {
            throw EditException.usage("--concurrency " + options.concurrency + " is not allowed: give 1 to " + RunOptions.MAX_CONCURRENCY
                    + " calls in flight (default 8)");
        }
        if (pollSeconds <= 0 || options.timeoutSeconds <= 0) {
            throw EditException.usage("--poll-interval and --timeout take a number of seconds above 0");
        }
        Clock clock = Clock.systemUTC();
        Backoff backoff = Backoff.standard(Sleeper.REAL, clock);
        HttpClient http = http();
        Progress.Style style = options.quiet || options.json && !env.terminal() ? Progress.Style.QUIET
                : env.terminal() ? Progress.Style.LIVE : Progress.Style.LINES;
        boolean color = env.terminal() && !env.vars().containsKey("NO_COLOR");
        return new Runner(new Api(http, apiBase, token, backoff, Api.REQUEST_TIMEOUT), new Downloader(http, apiBase, backoff, Downloader.MAX_BYTES),
                new Journal(Journal.defaultFile(env.vars()), clock), new Progress(err, style, color, clock), Sleeper.REAL, clock,
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
        }
        if (json) {
            out.println(Json.pretty(document(endpoint, mode, warnings, reports)));
        } else {
            for (Runner.Report report : reports) {
                report.outputs().forEach(o -> out.println(o.path()));
                if (report.code() == ExitCode.OK && report.status().equals("in_queue")) {
                    out.println(report.requestId());
                }
            }
        }
        out.flush();
        ExitCode worst = reports.stream().map(Runner.Report::code).max(Comparator.comparingInt(Runs::severity)).orElse(ExitCode.OK);
        if (runner.wasInterrupted()) {
            worst = ExitCode.INTERRUPTED;
        }
        for (Runner.Report report : reports) {
            if (report.error() != null) {
                err.println("edit: " + (report.requestId() == null ? "" : report.requestId() + ": ") + report.error());
            }
        }
        if (reports.size() > 1) {
            summarise(err, reports);
        }
        List<Runner.Report> resumable = reports.stream().filter(Runner.Report::resumable).toList();
        if (!resumable.isEmpty()) {
            err.println("edit: not everything was saved; these requests are recorded in the journal. Resume with:");
            resumable.forEach(r -> err.println("  edit resume " + r.requestId() + inputsNote(r)));
        }
        err.flush();
        return worst.code();
    }

    /**
     * After a run of several calls: how many were saved, each input with what became of it, and
     * which inputs failed for good (those need a new run; resumable ones are listed after).
     */
    private static void summarise(PrintWriter err, List<Runner.Report> reports) {
        long saved = reports.stream().filter(r -> r.code() == ExitCode.OK && !r.outputs().isEmpty()).count();
        long failed = reports.stream().filter(r -> r.code() != ExitCode.OK).count();
        err.println("edit: " + reports.size() + " calls: " + saved + " saved" + (failed > 0 ? ", " + failed + " failed" : ""));
        for (Runner.Report report : reports) {
            String input = report.inputs().isEmpty() ? "(unknown input)" : report.inputs().get(0)
                    + (report.inputs().size() > 1 ? " (+" + (report.inputs().size() - 1) + " references)" : "");
            if (!report.outputs().isEmpty()) {
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

    /** Interrupted outranks everything; then what the user must fix, then what may pass by itself. */
    static int severity(ExitCode code) {
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
            report.inputs().forEach(r.putArray("inputs")::add);
            r.withArray("inputs");
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
