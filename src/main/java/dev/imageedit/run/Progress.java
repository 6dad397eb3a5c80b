package dev.imageedit.run;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * What a run tells the person or agent watching, on stderr (stdout carries results only). On a
 * terminal a status line is redrawn in place: how many calls are done and failed out of how many,
 * how many wait in the queue or run, the elapsed time and the bytes downloaded. Elsewhere (a
 * pipe, a log, {@code TERM=dumb}) each change of state is one plain line, which is also how an
 * agent reading stderr sees that a long run is alive. Quiet prints nothing.
 */
public final class Progress implements RunListener {
    public enum Style { LIVE, LINES, QUIET }

    private final PrintWriter err;
    private final Style style;
    private final boolean color;
    private final boolean escapes;
    private final boolean unicode;
    private final Clock clock;
    private final Instant start;
    private final Map<String, String> states = new LinkedHashMap<>();
    private int expected;
    private long bytes;
    private int drawn;

    /** @param color colour and symbols: only for a person at a terminal, never with NO_COLOR */
    public Progress(PrintWriter err, Style style, boolean color, Clock clock) {
        this(err, style, color, color, true, clock);
    }

    private Progress(PrintWriter err, Style style, boolean color, boolean escapes, boolean unicode, Clock clock) {
        this.err = err;
        this.style = style;
        this.color = color;
        this.escapes = escapes;
        this.unicode = unicode;
        this.clock = clock;
        this.start = clock.instant();
    }

    /**
     * The progress a run shows, from where stderr goes and the environment: a redrawn line only on a
     * terminal that can redraw (not {@code TERM=dumb}); colour, and any escape code at all, never
     * with {@code NO_COLOR} (no-color.org); the check mark only in a UTF-8 locale, where the
     * terminal can show it.
     */
    public static Progress forRun(PrintWriter err, boolean terminal, boolean quiet, Map<String, String> env, Clock clock) {
        boolean dumb = "dumb".equals(env.get("TERM"));
        boolean noColor = env.containsKey("NO_COLOR");
        Style style = quiet ? Style.QUIET : terminal && !dumb ? Style.LIVE : Style.LINES;
        boolean color = terminal && !dumb && !noColor;
        return new Progress(err, style, color, color, utf8(env), clock);
    }

    /** The locale's character set, by POSIX precedence: LC_ALL, then LC_CTYPE, then LANG. */
    static boolean utf8(Map<String, String> env) {
        for (String name : new String[] {"LC_ALL", "LC_CTYPE", "LANG"}) {
            String value = env.get(name);
            if (value != null && !value.isEmpty()) {
                String lower = value.toLowerCase(Locale.ROOT);
                return lower.contains("utf-8") || lower.contains("utf8");
            }
        }
        return false;
    }

    /** How many calls the run makes, for "3/45 done"; without it the count is of the calls submitted so far. */
    @Override
    public synchronized void expect(int calls) {
        expected = calls;
    }

    @Override
    public synchronized void submitted(String requestId, String model) {
        states.put(requestId, "submitted");
        event("submitted " + requestId + " to " + model);
    }

    /** Called on every poll; prints only when the state (or queue position) changed. */
    @Override
    public synchronized void state(String requestId, JobState state) {
        String text = state instanceof JobState.InQueue q && q.position() != null
                ? "in_queue (position " + q.position() + ")"
                : state.label();
        if (text.equals(states.put(requestId, text))) {
            redraw();
            return;
        }
        boolean many = Math.max(expected, states.size()) > 1;
        event(requestId + ": " + text + (state.terminal() && many ? " (" + counts() + ")" : ""));
    }

    @Override
    public synchronized void downloaded(long moreBytes) {
        bytes += moreBytes;
        redraw();
    }

    @Override
    public synchronized void saved(Path path) {
        event(paint(GREEN, unicode ? "✓ " : "+ ") + "saved " + path);
    }

    @Override
    public synchronized void line(String text) {
        event(text);
    }

    @Override
    public synchronized void note(String text) {
        event(paint(YELLOW, "! ") + text);
    }

    private static final String GREEN = "\033[32m";
    private static final String YELLOW = "\033[33m";

    private String paint(String colour, String symbol) {
        return color ? colour + symbol + "\033[0m" : "";
    }

    /** "3/45 done, 2 failed": ended calls out of all; cancelled ones are named apart from failed ones. */
    private String counts() {
        int done = count("completed");
        int failed = count("failed");
        int cancelled = count("cancelled");
        int total = Math.max(expected, states.size());
        return done + "/" + total + " done" + (failed > 0 ? ", " + failed + " failed" : "") + (cancelled > 0 ? ", " + cancelled + " cancelled" : "");
    }

    private int count(String label) {
        return (int) states.values().stream().filter(label::equals).count();
    }

    /** The live line: "2/5 done, 1 failed  1 queued, 1 running  12s  340 KB". */
    String line() {
        int queued = (int) states.values().stream().filter(s -> s.equals("submitted") || s.startsWith("in_queue")).count();
        int running = count("in_progress");
        StringBuilder line = new StringBuilder(counts());
        if (queued + running > 0) {
            line.append("  ").append(queued > 0 ? queued + " queued" : "").append(queued > 0 && running > 0 ? ", " : "")
                    .append(running > 0 ? running + " running" : "");
        }
        line.append("  ").append(Duration.between(start, clock.instant()).toSeconds()).append('s');
        if (bytes > 0) {
            line.append("  ").append(size(bytes));
        }
        return line.toString();
    }

    /** Kilobytes below a megabyte, so a 9 KB download does not read "0.0 MB". */
    static String size(long bytes) {
        return bytes < 1_000_000 ? Math.max(1, Math.round(bytes / 1000.0)) + " KB" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
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
        String line = line();
        clearLine();
        err.print(line);
        err.flush();
        drawn = line.length();
    }

    /** Back to the start of the line and blank it: with an escape code, or (NO_COLOR) with spaces. */
    private void clearLine() {
        if (drawn > 0) {
            err.print(escapes ? "\r\033[2K" : "\r" + " ".repeat(drawn) + "\r");
            drawn = 0;
        }
    }

    /** Leaves the terminal on a fresh line. */
    @Override
    public synchronized void done() {
        clearLine();
        err.flush();
    }
}
