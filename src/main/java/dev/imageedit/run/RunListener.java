package dev.imageedit.run;

import java.nio.file.Path;

/**
 * What the runner tells whoever is watching, as it happens: a person's terminal (Progress) or an
 * agent's MCP client (progress notifications). Called from the runner's threads.
 */
public interface RunListener {
    /** For a caller that watches nothing. */
    RunListener NONE = new RunListener() {
        @Override
        public void expect(int calls) {
        }

        @Override
        public void submitted(String requestId, String model) {
        }

        @Override
        public void state(String requestId, JobState state) {
        }

        @Override
        public void downloaded(long moreBytes) {
        }

        @Override
        public void saved(Path path) {
        }

        @Override
        public void note(String text) {
        }

        @Override
        public void line(String text) {
        }

        @Override
        public void done() {
        }
    };

    /** The run will make this many calls (so a display can say "31/45 done"). */
    void expect(int calls);

    /** A call was accepted and has this request id. */
    void submitted(String requestId, String model);

    /** A status check answered; called on every poll, changed or not. */
    void state(String requestId, JobState state);

    /** More output bytes arrived. */
    void downloaded(long moreBytes);

    /** An output file is complete at {@code path}. */
    void saved(Path path);

    /** Something worth a line of its own (an output skipped, say). */
    void note(String text);

    /** A plain line, such as a count of what a workflow has finished so far. */
    void line(String text);

    /** The run is over. */
    void done();
}
