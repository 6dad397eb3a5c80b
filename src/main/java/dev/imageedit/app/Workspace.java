package dev.imageedit.app;

import dev.imageedit.request.Endpoints;
import dev.imageedit.request.Planner;
import dev.imageedit.run.Api;
import dev.imageedit.run.Backoff;
import dev.imageedit.run.Credentials;
import dev.imageedit.run.Downloader;
import dev.imageedit.run.Journal;
import dev.imageedit.run.RunListener;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Sandbox;
import dev.imageedit.run.Sleeper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Where a front end's work happens: the environment (token, API base, journal), the rules in use,
 * and, for trying the tool or testing it, a sandbox standing in for the API. The command line
 * makes one per command; the MCP server one for its whole life.
 */
public final class Workspace implements AutoCloseable {
    /** The standard poll interval, as the official client's: 2 s. */
    public static final double POLL_SECONDS = 2.0;
    /** On the sandbox jobs take about a second: polling it every 2 s would only wait. */
    public static final double SANDBOX_POLL_SECONDS = 0.5;

    private final Map<String, String> vars;
    private final Path rulesFolder;
    private final Sandbox sandbox;
    private Pipeline pipeline;

    private Workspace(Map<String, String> vars, Path rulesFolder, Sandbox sandbox) {
        Map<String, String> effective = new HashMap<>(vars);
        if (sandbox != null) {
            effective.put("RUNCOMFY_MODEL_API_BASE", sandbox.base());
        }
        this.vars = Map.copyOf(effective);
        this.rulesFolder = rulesFolder;
        this.sandbox = sandbox;
    }

    /** The real API, as the environment says. */
    public static Workspace of(Map<String, String> vars, Path rulesFolder) {
        return new Workspace(vars, rulesFolder, null);
    }

    /** A sandbox on 127.0.0.1 in place of the API, for as long as this workspace is open. */
    public static Workspace sandboxed(Map<String, String> vars, Path rulesFolder, Set<Sandbox.Fault> faults) throws IOException {
        return new Workspace(vars, rulesFolder, new Sandbox(0, faults, Sandbox.DEFAULT_JOB_TIME, 0, Clock.systemUTC()));
    }

    public Map<String, String> vars() {
        return vars;
    }

    /** The planning pipeline, built once: from the bundled rules, or from the --rules folder. */
    public synchronized Pipeline pipeline() {
        if (pipeline == null) {
            pipeline = Pipeline.build(rulesFolder, vars);
        }
        return pipeline;
    }

    /** The endpoints: the bundled ones, read alone, or those of the --rules folder, whose rules are then compiled too. */
    public Endpoints endpoints() {
        return rulesFolder == null ? Bundled.endpoints() : pipeline().endpoints;
    }

    /**
     * The planner of this workspace's rules. On the sandbox it also takes the sandbox's own output
     * URLs as inputs (they stand for the API's public ones, e.g. in passes); nowhere else.
     */
    public Planner planner() {
        Planner planner = pipeline().planner;
        return sandbox != null ? planner.acceptingSandboxFiles(sandbox.base()) : planner;
    }

    public String apiBase() {
        return Pipeline.apiBase(vars);
    }

    public Journal journal() {
        return new Journal(Journal.defaultFile(vars), Clock.systemUTC());
    }

    /** The token (exit 77 saying how to sign in when there is none); the sandbox takes any. */
    public String token() {
        return sandbox != null ? "sandbox" : new Credentials(vars).require();
    }

    /** A warning when the token file can be read by other users. */
    public Optional<String> tokenWarning() {
        return sandbox != null ? Optional.empty() : new Credentials(vars).exposure();
    }

    public double defaultPollSeconds() {
        return sandbox != null ? SANDBOX_POLL_SECONDS : POLL_SECONDS;
    }

    /** Never follows a redirect: it would carry the token to wherever a server points. Downloads check each hop themselves. */
    static HttpClient http() {
        return HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** The API client alone, for one question about a request on {@code base}: it gives up after one request's time. */
    Api api(String base) {
        Api api = new Api(http(), base, token(), Backoff.standard(Sleeper.REAL, Clock.systemUTC()), Api.REQUEST_TIMEOUT);
        // However long a server asks to wait, one question ends after a request's own timeout.
        api.until(Clock.systemUTC().instant().plus(Api.REQUEST_TIMEOUT));
        return api;
    }

    /** The one runner for a run on the configured API. */
    public Runner runner(RunSettings settings, RunListener listener) {
        return runner(apiBase(), settings, listener);
    }

    /** The one runner for a run on {@code base}: its API client, downloads, journal, and whoever is watching. */
    Runner runner(String base, RunSettings settings, RunListener listener) {
        Clock clock = Clock.systemUTC();
        Backoff backoff = Backoff.standard(Sleeper.REAL, clock);
        HttpClient http = http();
        double poll = settings.pollSeconds() == null ? defaultPollSeconds() : settings.pollSeconds();
        return new Runner(new Api(http, base, token(), backoff, Api.REQUEST_TIMEOUT),
                new Downloader(http, base, backoff, Downloader.MAX_BYTES), journal(), listener, Sleeper.REAL, clock,
                new Runner.Settings(settings.outputDir(), Duration.ofMillis((long) (poll * 1000)),
                        Duration.ofMillis((long) (settings.timeoutSeconds() * 1000)), settings.concurrency(), settings.noWait()));
    }

    @Override
    public void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }
}
