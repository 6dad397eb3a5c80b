package dev.imageedit.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.request.Call;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runner against a hostile API that is not the product's sandbox: WireMock on 127.0.0.1
 * scripts redirects, resets, trickled and stalled bodies, malformed answers, enormous waits and
 * hostile ids. A second server stands for a foreign host and must never hear from the runner.
 * Retry waits are recorded, never slept; only the stall and deadline tests take real time, each
 * well under two seconds.
 */
class HostileApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "google/nano-banana-2/edit";
    private static final String TOKEN = "sk-live-SECRET-4242";
    private static final String ID = "req-1";
    private static final byte[] PNG = png(4096);

    private static WireMockServer api;
    private static WireMockServer foreign;

    @TempDir
    Path dir;

    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @BeforeAll
    static void start() {
        api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20));
        foreign = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        api.start();
        foreign.start();
    }

    @AfterAll
    static void stopServers() {
        api.stop();
        foreign.stop();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
        foreign.resetAll();
    }

    static byte[] png(int size) {
        byte[] bytes = new byte[size];
        byte[] signature = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(signature, 0, bytes, 0, signature.length);
        return bytes;
    }

    private String base() {
        return "http://127.0.0.1:" + api.port() + "/v1";
    }

    /** Where a redirect or an output URL would send the runner: another origin. */
    private String foreignUrl(String path) {
        return "http://localhost:" + foreign.port() + path;
    }

    private Journal journal() {
        return new Journal(dir.resolve("state/journal.jsonl"), Clock.systemUTC());
    }

    private Path out() {
        return dir.resolve("out");
    }

    private Backoff backoff() {
        return new Backoff(sleeps::add, Clock.systemUTC(), 3, Duration.ofMillis(100), Duration.ofSeconds(5));
    }

    private Runner runner(Duration timeout, Duration stallLimit) {
        HttpClient http = HttpClient.newHttpClient();
        Backoff backoff = backoff();
        return new Runner(new Api(http, base(), TOKEN, backoff, Duration.ofSeconds(5)),
                new Downloader(http, base(), backoff, Downloader.MAX_BYTES, stallLimit), journal(),
                new Progress(new PrintWriter(Writer.nullWriter()), Progress.Style.QUIET, false, Clock.systemUTC()),
                sleeps::add, Clock.systemUTC(), new Runner.Settings(out(), Duration.ofMillis(10), timeout, 2, false));
    }

    private Runner runner() {
        return runner(Duration.ofMinutes(5), Downloader.STALL_LIMIT);
    }

    private Runner.Report runOne(Runner runner) {
        ObjectNode body = JSON.createObjectNode().put("prompt", "Brighten it");
        body.putArray("image_urls").add("https://img.test/1.png");
        return runner.run(List.of(new Call(base() + "/models/" + MODEL, body, List.of("https://img.test/1.png"), 1)), MODEL, "Brighten it").get(0);
    }

    private void submitAnswers(String requestId) {
        api.stubFor(post(urlPathEqualTo("/v1/models/" + MODEL)).willReturn(okJson(JSON.createObjectNode().put("request_id", requestId).toString())));
    }

    private void completesWith(String outputUrl) {
        submitAnswers(ID);
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/status")).willReturn(okJson("{\"status\": \"completed\"}")));
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/result"))
                .willReturn(okJson("{\"status\": \"completed\", \"output\": {\"image\": \"" + outputUrl + "\"}}")));
    }

    private String fileUrl(String name) {
        return "http://127.0.0.1:" + api.port() + "/files/" + name;
    }

    private void foreignHeardNothing() {
        assertThat(foreign.getAllServeEvents()).isEmpty();
    }

    private List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(folder)) {
            return files.toList();
        }
    }

    // The token leaks: redirects

    @Test
    void submitRedirectToAnotherHost_isRefusedAndSendsNoToken() {
        foreign.stubFor(post(anyUrl()).willReturn(okJson("{\"request_id\": \"stolen\"}")));
        api.stubFor(post(urlPathEqualTo("/v1/models/" + MODEL))
                .willReturn(aResponse().withStatus(307).withHeader("Location", foreignUrl("/v1/models/" + MODEL))));

        Runner.Report report = runOne(runner());

        foreignHeardNothing();
        assertThat(report.requestId()).isNull();
        assertThat(report.code()).isEqualTo(ExitCode.UPSTREAM);
        assertThat(report.error()).contains("HTTP 307").contains("redirect to localhost").doesNotContain("stolen");
        api.verify(1, postRequestedFor(urlPathEqualTo("/v1/models/" + MODEL)));
    }

    @Test
    void statusRedirectToAnotherHost_isRefused_andTheIdIsKept() {
        submitAnswers(ID);
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/status"))
                .willReturn(aResponse().withStatus(302).withHeader("Location", foreignUrl("/v1/requests/" + ID + "/status"))));

        Runner.Report report = runOne(runner());

        foreignHeardNothing();
        assertThat(report.requestId()).isEqualTo(ID);
        assertThat(report.error()).contains("HTTP 302").contains("localhost");
        assertThat(report.resumable()).isTrue();
    }

    @Test
    void resultRedirectToAnotherHost_isRefused() {
        submitAnswers(ID);
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/status")).willReturn(okJson("{\"status\": \"completed\"}")));
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/result"))
                .willReturn(aResponse().withStatus(308).withHeader("Location", foreignUrl("/steal"))));

        Runner.Report report = runOne(runner());

        foreignHeardNothing();
        assertThat(report.error()).contains("HTTP 308").contains("localhost");
    }

    @Test
    void apiClientThatFollowsRedirects_isRejected() {
        HttpClient following = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NORMAL).build();
        assertThat(catchThrowable(() -> new Api(following, base(), TOKEN, backoff(), Duration.ofSeconds(1))))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(catchThrowable(() -> new Downloader(following, base(), backoff(), 1)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void downloadRedirectToAnotherHost_isNotFollowed() throws Exception {
        foreign.stubFor(get(anyUrl()).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
        api.stubFor(get(urlPathEqualTo("/files/a.png")).willReturn(aResponse().withStatus(302).withHeader("Location", foreignUrl("/a.png"))));

        Downloader.Outcome outcome = new Downloader(HttpClient.newHttpClient(), base(), backoff(), Downloader.MAX_BYTES)
                .fetch(fileUrl("a.png"), out(), null, n -> { });

        foreignHeardNothing();
        assertThat(outcome).isInstanceOfSatisfying(Downloader.Skipped.class, s -> {
            assertThat(s.reason()).contains("redirected to untrusted host localhost");
            assertThat(s.retryable()).isFalse();
        });
        assertThat(filesIn(out())).isEmpty();
    }

    @Test
    void downloadRedirectWithinATrustedHost_isFollowedHopByHop() throws Exception {
        api.stubFor(get(urlPathEqualTo("/files/a.png")).willReturn(aResponse().withStatus(302).withHeader("Location", "/files/b.png")));
        api.stubFor(get(urlPathEqualTo("/files/b.png")).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));

        Downloader.Outcome outcome = new Downloader(HttpClient.newHttpClient(), base(), backoff(), Downloader.MAX_BYTES)
                .fetch(fileUrl("a.png"), out(), null, n -> { });

        assertThat(outcome).isInstanceOfSatisfying(Downloader.Saved.class, s -> assertThat(s.bytes()).isEqualTo(PNG.length));
    }

    // The token leaks: echoed in what the server says

    @Test
    void errorBodyEchoingTheAuthorizationHeader_isRedactedFromReportAndJournal() throws IOException {
        api.stubFor(post(urlPathEqualTo("/v1/models/" + MODEL)).willReturn(aResponse().withStatus(422)
                .withBody("{\"detail\": \"bad input\", \"headers\": {\"Authorization\": \"Bearer " + TOKEN + "\"}}")));
        Runner.Report rejected = runOne(runner());
        assertThat(rejected.error()).contains("bad input").contains("[redacted]").doesNotContain(TOKEN).doesNotContain("SECRET");

        api.resetAll();
        submitAnswers(ID);
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/status")).willReturn(okJson("{\"status\": \"failed\"}")));
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/result"))
                .willReturn(okJson("{\"status\": \"failed\", \"error\": \"worker got authorization: bearer " + TOKEN + " and " + TOKEN + "\"}")));
        Runner.Report failed = runOne(runner());
        assertThat(failed.error()).contains("worker got").doesNotContain(TOKEN);
        assertThat(Files.readString(journal().file())).contains("worker got").doesNotContain(TOKEN);
    }

    // It hangs: waits

    @Test
    void retryAfterOfABillionSeconds_onSubmit_failsAtOnceInsteadOfSleepingPastTheTimeout() {
        api.stubFor(post(urlPathEqualTo("/v1/models/" + MODEL)).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1000000000")));

        Runner.Report report = runOne(runner(Duration.ofSeconds(60), Downloader.STALL_LIMIT));

        assertThat(report.code()).isEqualTo(ExitCode.RETRYABLE);
        assertThat(report.error()).contains("asked to wait").contains("--timeout").contains("Nothing was submitted");
        assertThat(sleeps).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Duration.ofSeconds(60)));
        api.verify(1, postRequestedFor(urlPathEqualTo("/v1/models/" + MODEL)));
    }

    @Test
    void retryAfterInAJsonBody_onStatus_isCutToTheMaximumWait() {
        completesWith(fileUrl("edited.png"));
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/status")).inScenario("busy").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(503).withBody("{\"retry_after\": 1e12}")).willSetStateTo("calm"));
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/status")).inScenario("busy").whenScenarioStateIs("calm")
                .willReturn(okJson("{\"status\": \"completed\"}")));
        api.stubFor(get(urlPathEqualTo("/files/edited.png")).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));

        Runner.Report report = runOne(runner(Duration.ofHours(1), Downloader.STALL_LIMIT));

        assertThat(report.code()).as(report.error()).isEqualTo(ExitCode.OK);
        assertThat(sleeps).contains(Backoff.MAX_SERVER_WAIT).allSatisfy(d -> assertThat(d).isLessThanOrEqualTo(Backoff.MAX_SERVER_WAIT));
    }

    @Test
    void downloadThatStallsAfterItsHeaders_isStoppedByTheStallGuard() throws IOException {
        completesWith(fileUrl("edited.png"));
        api.stubFor(get(urlPathEqualTo("/files/edited.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG).withChunkedDribbleDelay(2, 4000)));

        long start = System.nanoTime();
        Runner.Report report = runOne(runner(Duration.ofMinutes(5), Duration.ofMillis(200)));
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(report.code()).isEqualTo(ExitCode.RETRYABLE);
        assertThat(report.skipped()).singleElement().satisfies(s -> assertThat(s.reason()).contains("no data for 0.2 s"));
        assertThat(report.resumable()).isTrue();
        assertThat(millis).as("stopped by the guard, not by the server").isLessThan(3000);
        assertThat(filesIn(out())).isEmpty();
    }

    @Test
    void downloadThatTricklesPastTheTimeout_isStoppedAtTheDeadline_withoutRetry() throws Exception {
        api.stubFor(get(urlPathEqualTo("/files/edited.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG).withChunkedDribbleDelay(40, 8000)));
        Backoff backoff = backoff();
        // A chunk every 200 ms never trips the stall guard: only the deadline can stop this one.
        Downloader downloader = new Downloader(HttpClient.newHttpClient(), base(), backoff, Downloader.MAX_BYTES, Duration.ofSeconds(5));
        backoff.until(Clock.systemUTC().instant().plusMillis(800));

        long start = System.nanoTime();
        Downloader.Outcome outcome = downloader.fetch(fileUrl("edited.png"), out(), null, n -> { });
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(outcome).isInstanceOfSatisfying(Downloader.Skipped.class, s -> {
            assertThat(s.reason()).contains("--timeout reached while downloading").contains("1 try");
            assertThat(s.retryable()).isTrue();
        });
        assertThat(millis).as("stopped at the deadline, long before the body ends").isBetween(600L, 4000L);
        api.verify(1, getRequestedFor(urlPathEqualTo("/files/edited.png")));
        assertThat(filesIn(out())).isEmpty();
    }

    @Test
    void theRunsTimeout_isTheDownloadsDeadline() {
        completesWith(fileUrl("edited.png"));
        api.stubFor(get(urlPathEqualTo("/files/edited.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG).withChunkedDribbleDelay(40, 8000)));

        Runner.Report report = runOne(runner(Duration.ofSeconds(2), Duration.ofSeconds(5)));

        assertThat(report.code()).isEqualTo(ExitCode.RETRYABLE);
        assertThat(report.resumable()).isTrue();
        assertThat(report.status() + " " + report.error() + " " + report.skipped()).contains("--timeout");
    }

    @Test
    void interruptDuringADownload_stopsAtOnce_withoutRetries_andKeepsTheId() throws Exception {
        completesWith(fileUrl("edited.png"));
        api.stubFor(get(urlPathEqualTo("/files/edited.png"))
                .willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG).withChunkedDribbleDelay(8, 8000)));
        Runner runner = runner(Duration.ofMinutes(5), Duration.ofSeconds(5));

        CompletableFuture<Runner.Report> running = CompletableFuture.supplyAsync(() -> runOne(runner));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (api.findAll(getRequestedFor(urlPathEqualTo("/files/edited.png"))).isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        // Let the headers come and the read block between two chunks: a read the JDK does not wake for an interrupt.
        Thread.sleep(300);
        long start = System.nanoTime();
        runner.interrupt();
        Runner.Report report = running.get(3, TimeUnit.SECONDS);
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

        assertThat(report.code()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(report.requestId()).isEqualTo(ID);
        assertThat(report.resumable()).isTrue();
        assertThat(millis).isLessThan(1000);
        api.verify(1, getRequestedFor(urlPathEqualTo("/files/edited.png")));
        assertThat(filesIn(out())).isEmpty();
    }

    @Test
    void statusTheToolDoesNotKnow_isReportedPlainly_notPolledAsInProgress() {
        for (String status : List.of("\"paused_by_operator\"", "3")) {
            api.resetAll();
            submitAnswers(ID);
            api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/status")).willReturn(okJson("{\"status\": " + status + "}")));

            Runner.Report report = runOne(runner());

            assertThat(report.status()).isEqualTo("unknown");
            assertThat(report.error()).contains(status.replace("\"", "")).contains("does not know").contains("edit status " + ID);
            assertThat(report.resumable()).isTrue();
            api.verify(1, getRequestedFor(urlPathEqualTo("/v1/requests/" + ID + "/status")));
        }
    }

    @Test
    void statusAnswerResetByThePeer_isRetried() {
        completesWith(fileUrl("edited.png"));
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/status")).inScenario("reset").whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)).willSetStateTo("fine"));
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/status")).inScenario("reset").whenScenarioStateIs("fine")
                .willReturn(okJson("{\"status\": \"completed\"}")));
        api.stubFor(get(urlPathEqualTo("/files/edited.png")).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));

        Runner.Report report = runOne(runner());

        assertThat(report.code()).as(report.error()).isEqualTo(ExitCode.OK);
        api.verify(2, getRequestedFor(urlPathEqualTo("/v1/requests/" + ID + "/status")));
    }

    @Test
    void submitResetByThePeer_isNeverSentTwice_andSaysItMayBeBilled() {
        api.stubFor(post(urlPathEqualTo("/v1/models/" + MODEL)).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));

        Runner.Report report = runOne(runner());

        assertThat(report.error()).contains("may have been created and billed");
        api.verify(1, postRequestedFor(urlPathEqualTo("/v1/models/" + MODEL)));
    }

    // Terminal and paths

    @Test
    void hostileRequestIds_areRefusedBeforeUse_andShownAsTheyCame() {
        for (String hostile : List.of("../../../../admin/x", "a/b?x=1#frag", "", "x".repeat(500))) {
            api.resetAll();
            submitAnswers(hostile);

            Runner.Report report = runOne(runner());

            assertThat(report.requestId()).isNull();
            assertThat(report.code()).isEqualTo(ExitCode.UPSTREAM);
            assertThat(report.error()).contains("may have been created and billed");
            if (!hostile.isEmpty()) {
                assertThat(report.error()).contains(hostile.length() > 200 ? hostile.substring(0, 200) : hostile);
            }
            assertThat(api.getAllServeEvents()).as("only the submit was sent").hasSize(1);
        }
    }

    @Test
    void escapeCodesInAJobError_areNeutralised() {
        submitAnswers(ID);
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/status")).willReturn(okJson("{\"status\": \"failed\"}")));
        api.stubFor(get(urlPathEqualTo("/v1/requests/" + ID + "/result"))
                .willReturn(okJson("{\"status\": \"failed\", \"error\": \"\\u001b]0;pwned\\u0007\\u001b[2Jcleared\\u009b31m\"}")));

        Runner.Report report = runOne(runner());

        assertThat(report.error()).contains("\\x1B]0;pwned\\x07\\x1B[2Jcleared\\x9B31m");
        assertThat(report.error().chars()).noneMatch(Character::isISOControl);
    }

    @Test
    void submitAnsweredWithMalformedJson_warnsTheJobMayBeBilled() {
        api.stubFor(post(urlPathEqualTo("/v1/models/" + MODEL)).willReturn(aResponse().withStatus(200).withBody("{\"request_id\": \"abc")));

        Runner.Report report = runOne(runner());

        assertThat(report.error()).contains("not a JSON object").contains("may have been created and billed");
    }

    @Test
    void timeoutOnSubmit_doesNotClaimRetriesItNeverMade() {
        api.stubFor(post(urlPathEqualTo("/v1/models/" + MODEL)).willReturn(aResponse().withStatus(408)));

        Runner.Report report = runOne(runner());

        assertThat(report.code()).isEqualTo(ExitCode.RETRYABLE);
        assertThat(report.error()).contains("HTTP 408").doesNotContain("after").doesNotContain("tries");
        api.verify(1, postRequestedFor(urlPathEqualTo("/v1/models/" + MODEL)));
    }

    @Test
    void baseUrlWithAPassword_isRefusedWithoutShowingIt() {
        Throwable refused = catchThrowable(() -> new Api(HttpClient.newHttpClient(), "http://user:hunter2@127.0.0.1:" + api.port() + "/v1",
                TOKEN, backoff(), Duration.ofSeconds(1)));
        assertThat(refused).isInstanceOfSatisfying(EditException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.USAGE);
            assertThat(e.getMessage()).contains("user name or password").doesNotContain("hunter2").doesNotContain("user:");
        });
        api.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void requestIdsGivenByAPerson_areCheckedBeforeAnyRequest() {
        Api client = new Api(HttpClient.newHttpClient(), base(), TOKEN, backoff(), Duration.ofSeconds(1));
        for (String bad : Arrays.asList("..", "../admin", "a/b", "a?b", "-rf", "x\u001b[2J")) {
            assertThat(catchThrowable(() -> client.status(bad))).as(bad).isInstanceOfSatisfying(EditException.class,
                    e -> assertThat(e.getMessage()).doesNotContain("\u001b"));
        }
        api.verify(0, anyRequestedFor(anyUrl()));
    }
}
