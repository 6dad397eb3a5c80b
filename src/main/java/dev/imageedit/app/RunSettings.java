package dev.imageedit.app;

import dev.imageedit.EditException;
import java.nio.file.Path;

/**
 * How a run waits and where it saves: the same settings whichever front end asked.
 *
 * @param outputDir      where outputs are saved; null only for a resume, meaning the folder the
 *                       job's own run chose
 * @param pollSeconds    time between status checks; null for the workspace's default
 * @param timeoutSeconds the longest the run waits (the remote jobs keep running after)
 * @param concurrency    calls in flight at once
 * @param noWait         submit and record only
 */
public record RunSettings(Path outputDir, Double pollSeconds, double timeoutSeconds, int concurrency, boolean noWait) {
    /** The most calls a run keeps in flight: more only meets the API's rate limit sooner. */
    public static final int MAX_CONCURRENCY = 32;
    public static final int DEFAULT_CONCURRENCY = 8;
    public static final double DEFAULT_TIMEOUT_SECONDS = 900;

    public RunSettings {
        if (concurrency < 1 || concurrency > MAX_CONCURRENCY) {
            throw EditException.usage("--concurrency " + concurrency + " is not allowed: give 1 to " + MAX_CONCURRENCY
                    + " calls in flight (default " + DEFAULT_CONCURRENCY + ")");
        }
        if (pollSeconds != null && !(pollSeconds > 0) || !(timeoutSeconds > 0)) {
            throw EditException.usage("--poll-interval and --timeout take a number of seconds above 0");
        }
    }

    public RunSettings withOutputDir(Path folder) {
        return new RunSettings(folder, pollSeconds, timeoutSeconds, concurrency, noWait);
    }

    /** The defaults, saving into {@code outputDir}. */
    public static RunSettings defaults(Path outputDir, boolean noWait) {
        return new RunSettings(outputDir, null, DEFAULT_TIMEOUT_SECONDS, DEFAULT_CONCURRENCY, noWait);
    }
}
