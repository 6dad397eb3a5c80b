package dev.imageedit.app;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.ExitCode;
import dev.imageedit.run.Runner;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * How a run (or a resume) ended: every call's report in the plan's order, what an interruption
 * cancelled, and the exit code the whole run calls for.
 *
 * @param endpoint the model path
 * @param mode     single, multi_ref or fan_out
 * @param cancels  after an interruption, per request id what cancelling it achieved
 */
public record RunResult(String endpoint, String mode, List<String> warnings, List<Runner.Report> reports, boolean interrupted,
                        Map<String, String> cancels) {
    public RunResult {
        warnings = List.copyOf(warnings);
        reports = List.copyOf(reports);
        cancels = Map.copyOf(cancels);
    }

    /** The most serious of any call's codes; an interruption outranks them all. */
    public ExitCode exitCode() {
        if (interrupted) {
            return ExitCode.INTERRUPTED;
        }
        return reports.stream().map(Runner.Report::code).max(Comparator.comparingInt(RunResult::severity)).orElse(ExitCode.OK);
    }

    /**
     * The requests that {@code edit resume} can still help with. A job cancelled after an
     * interruption is over: telling to resume it would only wait for nothing.
     */
    public List<Runner.Report> resumable() {
        return reports.stream().filter(r -> r.resumable() && !"cancelled".equals(cancels.get(r.requestId()))).toList();
    }

    public ObjectNode document() {
        return Json.run(this);
    }

    /** What went wrong, in one message: the failed request's error, or each failed request's. */
    public String failure() {
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

    /** What the user must fix outranks what may pass by itself. */
    public static int severity(ExitCode code) {
        return switch (code) {
            case OK -> 0;
            case RETRYABLE -> 1;
            case UPSTREAM -> 2;
            case USAGE, DATA, CANT_CREATE -> 3;
            case AUTH -> 4;
            case INTERRUPTED -> 5;
        };
    }
}
