package dev.imageedit.workflow;

import dev.imageedit.ExitCode;
import dev.imageedit.run.Runner;
import java.util.Comparator;
import java.util.List;

/**
 * How one edit of a workflow ended: every step of every chain of passes, in order.
 *
 * @param steps sorted by their place in the chains ("1", "1.1", "1.1.1", "2", ...)
 */
public record Outcome(Edit edit, List<Step> steps) {
    /**
     * One job of the edit.
     *
     * @param step     its place: the first pass's call number, then the output it took at each later pass
     * @param endpoint the model path it was sent to
     * @param urls     its output URLs, when known (a step skipped as saved has only its paths)
     * @param reused   an earlier run had submitted it; this run did not pay for it again
     */
    public record Step(int pass, String step, String endpoint, Runner.Report report, List<String> urls, boolean reused) {
        public Step {
            urls = List.copyOf(urls);
        }
    }

    public Outcome {
        steps = steps.stream().sorted(Comparator.comparing(Step::step, Outcome::byPlace)).toList();
    }

    private static int byPlace(String a, String b) {
        String[] x = a.split("\\.");
        String[] y = b.split("\\.");
        for (int i = 0; i < Math.min(x.length, y.length); i++) {
            int c = Integer.compare(Integer.parseInt(x[i]), Integer.parseInt(y[i]));
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(x.length, y.length);
    }

    /** The steps of the last pass: the edit's results. */
    public List<Step> results() {
        return steps.stream().filter(s -> s.pass() == edit.last()).toList();
    }

    public int savedImages() {
        return results().stream().mapToInt(s -> s.report().outputs().size()).sum();
    }

    /** OK only when every chain reached its last pass and every step there succeeded. */
    public ExitCode code() {
        return steps.stream().map(s -> s.report().code()).filter(c -> c != ExitCode.OK).findFirst()
                .orElse(results().isEmpty() ? ExitCode.UPSTREAM : ExitCode.OK);
    }

    public boolean failed() {
        return code() != ExitCode.OK;
    }
}
