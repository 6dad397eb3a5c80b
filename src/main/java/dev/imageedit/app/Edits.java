package dev.imageedit.app;

import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.intent.Features;
import dev.imageedit.intent.Preservation;
import dev.imageedit.request.Plan;
import dev.imageedit.run.RunListener;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Text;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Planning and running edits: the one sequence both front ends call. A plan is routed, validated
 * and fully built before anything is sent; a run submits it through the one runner and reports.
 */
public final class Edits {
    private final Workspace workspace;

    public Edits(Workspace workspace) {
        this.workspace = workspace;
    }

    public EditRequest request(EditInput input) {
        return new EditRequest(Preservation.lead(input.keep(), input.prompt()), input.images(), input.mask(), input.model(), input.options());
    }

    /** Routes, validates and builds every call; sends nothing and needs no token. */
    public Plan plan(EditInput input) {
        if (input.prompt() == null) {
            throw EditException.usage("no prompt: say what to change, e.g. \"Replace the background with a beach\"");
        }
        return workspace.planner().plan(request(input));
    }

    /** What the request reads as, for --explain. */
    public Features features(EditInput input) {
        return workspace.planner().features(request(input));
    }

    /**
     * Strict: any warning or prompt advice refuses the plan (exit 65), so nothing is sent.
     *
     * @param option how the caller asked for it, for the message ({@code --strict})
     */
    public static void checkStrict(Plan plan, String option) {
        if (!plan.warnings().isEmpty()) {
            throw EditException.data(option + ", and the request has " + plan.warnings().size() + " warning(s); nothing was sent:\n  "
                    + String.join("\n  ", plan.warnings()));
        }
    }

    /**
     * Submits every call of the plan and waits as the settings say. {@code started} receives the
     * runner before the first submit, so a front end can interrupt it (Ctrl-C, a client's cancel).
     */
    public RunResult run(Plan plan, String prompt, RunSettings settings, RunListener listener, Consumer<Runner> started) {
        Runner runner = workspace.runner(settings, listener);
        runner.preflight(); // the journal and the output folder, before anything is paid for
        started.accept(runner);
        List<Runner.Report> reports = runner.run(plan.calls(), plan.decision().model(), prompt);
        return finish(plan.decision().model(), plan.decision().mode().label(), plan.warnings(), reports, runner);
    }

    /**
     * After an interruption, cancels what is still queued and says what that achieved (printably:
     * servers say anything). A job cancelled while queued has ended: it is reported "cancelled",
     * not "interrupted", and there is nothing to resume.
     */
    static RunResult finish(String endpoint, String mode, List<String> warnings, List<Runner.Report> reports, Runner runner) {
        Map<String, String> cancels = new LinkedHashMap<>();
        if (runner.wasInterrupted()) {
            runner.cancelUnfinished().forEach((id, outcome) -> cancels.put(id, Text.printable(outcome)));
        }
        List<Runner.Report> ended = reports.stream().map(r -> "cancelled".equals(cancels.get(r.requestId()))
                ? new Runner.Report(r.requestId(), r.inputs(), "cancelled", r.outputs(), r.skipped(),
                        "interrupted while queued, and cancelled: nothing runs or is billed", ExitCode.INTERRUPTED)
                : r).toList();
        return new RunResult(endpoint, mode, warnings, ended, runner.wasInterrupted(), cancels);
    }
}
