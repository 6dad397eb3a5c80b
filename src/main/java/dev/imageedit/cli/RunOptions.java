package dev.imageedit.cli;

import dev.imageedit.app.RunSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of every command that waits for jobs and saves their outputs. */
final class RunOptions {
    /** The shortest poll interval: a quarter second already sees a state change as it happens. */
    static final double MIN_POLL_SECONDS = 0.25;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Where outputs are saved (default: the current folder; for resume, the folder its run chose).")
    Path outputDir = Path.of(".");

    @Option(names = "--poll-interval", paramLabel = "SECONDS", converter = Converters.PollSeconds.class,
            description = "Time between status checks (default: 2; 0.5 on the sandbox; at least 0.25: shorter is raised to it).")
    Double pollSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS", converter = Converters.Seconds.class,
            description = "Longest wait for results (default: 900). On expiry: exit 75 and the command that resumes; the job keeps running.")
    double timeoutSeconds = RunSettings.DEFAULT_TIMEOUT_SECONDS;

    @Option(names = "--concurrency", paramLabel = "N", converter = Converters.Count.class,
            description = "Calls in flight at once when one edit makes several calls (default: " + RunSettings.DEFAULT_CONCURRENCY
                    + ", at most " + RunSettings.MAX_CONCURRENCY + ").")
    int concurrency = RunSettings.DEFAULT_CONCURRENCY;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON document on stdout, on failure too; progress stays on stderr.")
    boolean json;

    RunSettings settings(boolean noWait) {
        return new RunSettings(outputDir, pollSeconds, timeoutSeconds, concurrency, noWait);
    }
}
