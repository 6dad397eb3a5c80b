package dev.imageedit.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a run tells the person watching, on stderr (stdout carries results only). On a terminal a
 * status line is redrawn in place (states, queue positions, elapsed time, bytes downloaded);
 * elsewhere each change is one plain line, so logs stay readable. Quiet prints nothing.
 */
public final class Progress {
    public enum Style { LIVE, LINES, QUIET }

    private final PrintWriter err;
    private final Style style;
    private final boolean color;
    private final Clock clock;
    private final Instant start;
    private final Map<String, String> states = new LinkedHashMap<>();
    private long bytes;
    private boolean lineDrawn;

    /** @param color colour and symbols: only for a person at a terminal, never with NO_COLOR */
    public Progress(PrintWriter err, Style style, boolean color, Clock clock) {
        this.err = err;
        this.style = style;
        this.color = color;
        this.clock = clock;
        this.start = clock.instant();
    }

    public synchronized void submitted(String requestId, String model) {
        states.put(requestId, "submitted");
        event("submitted " + requestId + " to " + model);
    }

    /** Called on every poll; prints only when the state (or queue position) changed. */
    public synchronized void state(String requestId, JobState state) {
        String text = state instanceof JobState.InQueue q && q.position() != null
                ? "in_queue (position " + q.position() + ")"
                : state.label();
        if (text.equals(states.put(requestId, text))) {
            redraw();
            return;
        }
        event(requestId + ": " + text);
    }

    public synchronized void downloaded(long moreBytes) {
        bytes += moreBytes;
        redraw();
    }

    public synchronized void saved(Path path) {
        event(paint(GREEN, "✓ ") + "saved " + path);
    }

    /** A plain line, such as a count of what a workflow has finished so far. */
    public synchronized void line(String text) {
        event(text);
    }

    public synchronized void note(String text) {
        event(paint(YELLOW, "! ") + text);
    }

    private static final String GREEN = "\033[32m";
    private static final String YELLOW = "\033[33m";

    private String paint(String colour, String symbol) {
        return color ? colour + symbol + "\033[0m" : "";
    }

    private void event(String text) {
        if (style == Style.QUIET) {
            return;
        }
        clearLine();
        err.println(text);
        redraw();
        err.flush();
    }

    private void redraw() {
        if (style != Style.LIVE) {
            return;
        }
        Map<String, Integer> counts = new LinkedHashMap<>();
        states.values().forEach(s -> counts.merge(s.replaceAll(" \\(.*", ""), 1, Integer::sum));
        StringBuilder line = new StringBuilder();
        counts.forEach((state, n) -> line.append(n).append(' ').append(state).append("  "));
        line.append(Duration.between(start, clock.instant()).toSeconds()).append("s");
        if (bytes > 0) {
            line.append("  ").append(String.format("%.1f MB", bytes / 1e6));
        }
        err.print("\r\033[2K" + line);
        err.flush();
        lineDrawn = true;
    }

    private void clearLine() {
        if (lineDrawn) {
            err.print("\r\033[2K");
            lineDrawn = false;
        }
    }

    /** Leaves the terminal on a fresh line. */
    public synchronized void done() {
        clearLine();
        err.flush();
    }
}
