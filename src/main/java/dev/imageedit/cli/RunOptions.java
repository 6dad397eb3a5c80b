package dev.imageedit.cli;

import dev.imageedit.app.RunSettings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options of every command that waits for jobs and saves their outputs. */
final class RunOptions {
    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "Where outputs are saved (default: the current folder).")
    Path outputDir = Path.of(".");

    @Option(names = "--poll-interval", paramLabel = "SECONDS", description = "Time between status checks (default: 2; 0.5 on the sandbox).")
    Double pollSeconds;

    @Option(names = "--timeout", paramLabel = "SECONDS",
            description = "Longest wait for results (default: 900). On expiry: exit 75 and the command that resumes; the job keeps running.")
    double timeoutSeconds = RunSettings.DEFAULT_TIMEOUT_SECONDS;

    @Option(names = "--concurrency", paramLabel = "N",
            description = "Calls in flight at once when one edit makes several calls (default: " + RunSettings.DEFAULT_CONCURRENCY
                    + ", at most " + RunSettings.MAX_CONCURRENCY + ").")
    int concurrency = RunSettings.DEFAULT_CONCURRENCY;

    @Option(names = {"-q", "--quiet"}, description = "No progress on stderr.")
    boolean quiet;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    RunSettings settings(boolean noWait) {
        return new RunSettings(outputDir, pollSeconds, timeoutSeconds, concurrency, noWait);
    }
}
