package dev.imageedit.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.imageedit.ExitCode;
import dev.imageedit.request.Call;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real runner against the sandbox over loopback HTTP. Sleeps are recorded, not taken: the
 * sandbox advances a job one step per status check, so no test waits on a clock.
 */
class RunnerTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "google/nano-banana-2/edit";
    private static final String TOKEN = "secret-token-123";

    @TempDir
    Path dir;

    private Sandbox sandbox;
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());
    private final Sleeper recording = sleeps::add;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private Path out() {
        return dir.resolve("out");
    }

    private Journal journal() {
        return new Journal(dir.resolve("state").resolve("journal.jsonl"), Clock.systemUTC());
    }

    private Runner runner(Sandbox.Fault... faults) throws IOException {
        return runner(Duration.ofMinutes(5), false, faults);
    }

    private Runner runner(Duration timeout, boolean noWait, Sandbox.Fault... faults) throws IOException {
        if (sandbox != null) {
            sandbox.close();
        }
        sandbox = Sandbox.start(faults.length == 0 ? Set.of() : EnumSet.of(faults[0], faults));
        return runnerOnThisSandbox(timeout, noWait);
    }

    private Runner runnerOnThisSandbox(Duration timeout, boolean noWait) {
        HttpClient http = HttpClient.newHttpClient();
        Backoff backoff = new Backoff(recording, Clock.systemUTC(), 4, Duration.ofMillis(100), Duration.ofSeconds(5));
        return new Runner(new Api(http, sandbox.base(), TOKEN, backoff, Duration.ofSeconds(10)),
                new Downloader(http, sandbox.base(), backoff, Downloader.MAX_BYTES), journal(),
                new Progress(new java.io.PrintWriter(java.io.Writer.nullWriter()), Progress.Style.QUIET, false, Clock.systemUTC()),
                recording, Clock.systemUTC(), new Runner.Settings(out(), Duration.ofSeconds(2), timeout, 4, noWait));
    }

    private List<Call> calls(int n) {
        List<Call> calls = new ArrayList<>();
        for (int i = 1; i <= n; i++) {
            ObjectNode body = JSON.createObjectNode().put("prompt", "Brighten it");
            body.putArray("image_urls").add("https://img.test/" + i + ".png");
            calls.add(new Call(sandbox.base() + "/models/" + MODEL, body, List.of("https://img.test/" + i + ".png"), 1));
        }
        return calls;
    }

    /** One call per input URL, as a fan-out plans them. */
    private List<Call> fanOut(String... inputs) {
        List<Call> calls = new ArrayList<>();
        for (String input : inputs) {
            ObjectNode body = JSON.createObjectNode().put("prompt", "Brighten it");
            body.putArray("image_urls").add(input);
            calls.add(new Call(sandbox.base() + "/models/" + MODEL, body, List.of(input), 1));
        }
        return calls;
    }

    private List<Path> filesIn(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    @Test
    void completedJob_savesItsOutput_andSendsTheTokenOnlyToTheApi() throws IOException {
        Runner runner = runner();
        Runner.Report report = runner.run(calls(1), MODEL, "Brighten it").get(0);

        assertThat(report.code()).isEqualTo(ExitCode.OK);
        assertThat(report.status()).isEqualTo("completed");
        assertThat(report.outputs()).singleElement().satisfies(o -> {
            assertThat(o.path()).startsWith(out().toAbsolutePath()).hasFileName("1-edited.png");
            assertThat(Files.readAllBytes(o.path())).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        });
        List<Sandbox.Received> received = sandbox.received();
        assertThat(received).extracting(r -> r.method() + " " + r.path().replaceAll("[0-9a-f-]{36}", "ID"))
                .containsExactly("POST /v1/models/" + MODEL, "GET /v1/requests/ID/status", "GET /v1/requests/ID/status",
                        "GET /v1/requests/ID/status", "GET /v1/requests/ID/status", "GET /v1/requests/ID/result", "GET /files/ID/edited-1.png");
        assertThat(received.get(0).body()).isEqualTo("{\"prompt\":\"Brighten it\",\"image_urls\":[\"https://img.test/1.png\"]}");
        received.stream().filter(r -> r.path().startsWith("/v1/")).forEach(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
        received.stream().filter(r -> r.path().startsWith("/files/")).forEach(r -> assertThat(r.header("Authorization")).isNull());
        assertThat(sleeps).containsOnly(Duration.ofSeconds(2));
        assertThat(Files.readString(journal().file())).doesNotContain(TOKEN);
    }

    @Test
    void requestId_isJournalledBeforeTheFirstPoll() throws IOException {
        Runner runner = runner();
        AtomicBoolean recordedBeforePoll = new AtomicBoolean();
        AtomicInteger polls = new AtomicInteger();
        sandbox.observe(request -> {
            if (request.path().endsWith("/status") && polls.getAndIncrement() == 0) {
                String id = request.path().split("/")[3];
                recordedBeforePoll.set(journal().find(id).isPresent());
            }
        });
        Runner.Report report = runner.run(calls(1), MODEL, "Brighten it").get(0);
        assertThat(recordedBeforePoll).isTrue();
        assertThat(journal().find(report.requestId())).hasValueSatisfying(e -> {
            assertThat(e.status()).isEqualTo("saved");
            assertThat(e.paths()).containsExactly(report.outputs().get(0).path().toString());
            assertThat(e.endpoint()).isEqualTo(MODEL);
        });
    }

    @Test
    void rateLimitedSubmit_waitsAsToldAndSubmitsOnce() throws IOException {
        Runner runner = runner(Sandbox.Fault.RATE_LIMIT);
        Runner.Report report = runner.run(calls(1), MODEL, "Brighten it").get(0);
        assertThat(report.code()).isEqualTo(ExitCode.OK);
        assertThat(sandbox.submissions()).isEqualTo(1);
        assertThat(sleeps).contains(Duration.ofSeconds(1));
    }

    @Test
    void serverErrorOnStatus_isRetried() throws IOException {
        Runner runner = runner(Sandbox.Fault.SERVER_ERROR);
        Runner.Report report = runner.run(calls(1), MODEL, "Brighten it").get(0);
        assertThat(report.code()).isEqualTo(ExitCode.OK);
        assertThat(sandbox.received()).filteredOn(r -> r.path().endsWith("/status")).hasSize(5);
    }

    @Test
    void rejectedToken_isExit77_andNothingIsSubmitted() throws IOException {
        Runner runner = runner(Sandbox.Fault.UNAUTHORIZED);
        Runner.Report report = runner.run(calls(1), MODEL, "Brighten it").get(0);
        assertThat(report.code()).isEqualTo(ExitCode.AUTH);
        assertThat(report.requestId()).isNull();
        assertThat(report.error()).contains("HTTP 401").contains("edit login").doesNotContain(TOKEN);
        assertThat(filesIn(out())).isEmpty();
    }

    @Test
    void invalidInput_isExit65_withTheServersMessage() throws IOException {
        Runner.Report report = runner(Sandbox.Fault.INVALID).run(calls(1), MODEL, "x").get(0);
        assertThat(report.code()).isEqualTo(ExitCode.DATA);
        assertThat(report.error()).contains("HTTP 422").contains("aspect_ratio: input should be one of 1:1, 16:9");
    }

    @Test
    void failedJob_isExit69_withTheServersError_andJournalled() throws IOException {
        Runner.Report report = runner(Sandbox.Fault.FAILED_JOB).run(calls(1), MODEL, "x").get(0);
        assertThat(report.code()).isEqualTo(ExitCode.UPSTREAM);
        assertThat(report.error()).contains("the model could not process the input image");
        assertThat(journal().find(report.requestId())).hasValueSatisfying(e -> assertThat(e.status()).isEqualTo("failed"));
        assertThat(report.resumable()).isFalse();
    }

    @Test
    void timeout_isExit75_leavesTheJobRunning_andIsResumable() throws IOException {
        Runner runner = runner(Duration.ofMillis(1), false, Sandbox.Fault.SLOW);
        Runner.Report report = runner.run(calls(1), MODEL, "x").get(0);
        assertThat(report.code()).isEqualTo(ExitCode.RETRYABLE);
        assertThat(report.status()).isEqualTo("timed_out");
        assertThat(report.resumable()).isTrue();
        assertThat(sandbox.received()).noneMatch(r -> r.path().endsWith("/cancel"));
        assertThat(journal().find(report.requestId())).isPresent();
    }

    @Test
    void truncatedDownload_isRetried_andNoPartialFileIsLeft() throws IOException {
        Runner.Report report = runner(Sandbox.Fault.TRUNCATED).run(calls(1), MODEL, "x").get(0);
        assertThat(report.code()).isEqualTo(ExitCode.OK);
        assertThat(sandbox.received()).filteredOn(r -> r.path().startsWith("/files/")).hasSize(2);
        assertThat(filesIn(out())).singleElement().satisfies(p -> assertThat(p.getFileName().toString()).isEqualTo("1-edited.png"));
    }

    @Test
    void untrustedOutput_isSkippedAndNeverFetched() throws IOException {
        Runner.Report report = runner(Sandbox.Fault.UNTRUSTED_OUTPUT).run(calls(1), MODEL, "x").get(0);
        assertThat(report.outputs()).hasSize(1);
        assertThat(report.skipped()).singleElement().satisfies(s -> {
            assertThat(s.url()).startsWith("https://downloads.example.com/");
            assertThat(s.reason()).contains("untrusted host downloads.example.com");
        });
        assertThat(report.code()).isEqualTo(ExitCode.OK);
    }

    @Test
    void outputThatIsNotAnImage_isNotKept_andIsNotSentToResume() throws IOException {
        Runner.Report report = runner(Sandbox.Fault.NOT_AN_IMAGE).run(calls(1), MODEL, "x").get(0);
        assertThat(report.outputs()).isEmpty();
        assertThat(report.skipped()).singleElement().satisfies(s -> {
            assertThat(s.reason()).contains("not an image").contains("text/html");
            assertThat(s.retryable()).isFalse();
        });
        assertThat(sandbox.received()).filteredOn(r -> r.path().startsWith("/files/")).hasSize(1);
        assertThat(report.code()).isEqualTo(ExitCode.UPSTREAM);
        assertThat(report.error()).contains("none of its outputs could be saved");
        assertThat(report.resumable()).isFalse();
        assertThat(filesIn(out())).isEmpty();
    }

    @Test
    void pathTraversalOutput_staysInsideTheOutputFolder() throws IOException {
        Runner.Report report = runner(Sandbox.Fault.TRAVERSAL_OUTPUT).run(calls(1), MODEL, "x").get(0);
        assertThat(report.outputs()).hasSize(2).allSatisfy(o -> assertThat(o.path().getParent()).isEqualTo(out().toAbsolutePath()));
        assertThat(filesIn(dir)).allSatisfy(p -> assertThat(p.startsWith(out()) || p.startsWith(dir.resolve("state"))).isTrue());
    }

    @Test
    void fanOut_runsEveryCall_reportsInPlanOrder_eachWithItsInput() throws IOException {
        Runner runner = runner();
        List<Runner.Report> reports = runner.run(calls(6), MODEL, "x");
        assertThat(reports).hasSize(6).allSatisfy(r -> assertThat(r.code()).isEqualTo(ExitCode.OK));
        List<String> submittedImages = sandbox.received().stream().filter(r -> r.method().equals("POST"))
                .map(r -> r.body().replaceAll(".*img.test/(\\d+).*", "$1")).toList();
        assertThat(submittedImages).containsExactlyInAnyOrder("1", "2", "3", "4", "5", "6");
        for (int i = 0; i < 6; i++) {
            Runner.Report report = reports.get(i);
            assertThat(report.inputs()).containsExactly("https://img.test/" + (i + 1) + ".png");
            assertThat(report.outputs()).singleElement().satisfies(o -> assertThat(o.path()).hasFileName(report.inputs().get(0)
                    .replaceAll(".*/(\\d+)\\.png", "$1-edited.png")));
        }
    }

    @Test
    void outputs_areNamedAfterTheirInput_uniqueInInputOrder_sanitised_andNeverReplaceAFile() throws IOException {
        Files.createDirectories(out());
        Files.writeString(out().resolve("kept-edited.png"), "a file that was here before");
        List<Runner.Report> reports = runner().run(fanOut(
                "https://img.test/a/sku-a.jpg",
                "https://img.test/b/sku-a.jpg",
                "https://img.test/%2E%2E%2Fevil%20name%3B.webp?x=1",
                "https://img.test/",
                "https://img.test/kept.png"), MODEL, "x");
        assertThat(reports).extracting(r -> r.outputs().get(0).path().getFileName().toString())
                .containsExactly("sku-a-edited.png", "sku-a-2-edited.png", "evil_name_-edited.png", "output-edited.png", "kept-edited-1.png");
        assertThat(out().resolve("kept-edited.png")).hasContent("a file that was here before");
        assertThat(reports).allSatisfy(r -> assertThat(r.outputs().get(0).path().getParent()).isEqualTo(out().toAbsolutePath()));
    }

    @Test
    void variantsOfOneInput_areNumbered() throws IOException {
        Runner runner = runner();
        ObjectNode body = JSON.createObjectNode().put("prompt", "Brighten it").put("num_images", 3);
        body.putArray("image_urls").add("https://img.test/shoe.png");
        Runner.Report report = runner.run(List.of(new Call(sandbox.base() + "/models/" + MODEL, body, List.of("https://img.test/shoe.png"), 3)),
                MODEL, "x").get(0);
        assertThat(report.outputs()).extracting(o -> o.path().getFileName().toString())
                .containsExactly("shoe-edited-v1.png", "shoe-edited-v2.png", "shoe-edited-v3.png");
    }

    @Test
    void journal_recordsEachCallsInputs_andResumeNamesOutputsAfterThem() throws IOException {
        Runner runner = runner(Duration.ofMinutes(1), true);
        Runner.Report submitted = runner.run(fanOut("https://img.test/sku-9.jpg"), MODEL, "x").get(0);
        Journal.Entry entry = journal().find(submitted.requestId()).orElseThrow();
        assertThat(entry.inputs()).containsExactly("https://img.test/sku-9.jpg");

        Runner.Report resumed = runnerOnThisSandbox(Duration.ofMinutes(1), false).resume(entry.requestId(), entry.inputs());
        assertThat(resumed.inputs()).containsExactly("https://img.test/sku-9.jpg");
        assertThat(resumed.outputs()).singleElement().satisfies(o -> assertThat(o.path()).hasFileName("sku-9-edited.png"));
    }

    @Test
    void hundredImageFanOut_withOneFailure_savesTheOthers_andSaysWhichInputFailed() throws IOException {
        Runner runner = runner(Sandbox.Fault.ONE_FAILED_JOB);
        List<Runner.Report> reports = runner.run(calls(100), MODEL, "x");
        assertThat(sandbox.submissions()).isEqualTo(100);
        assertThat(reports).hasSize(100);
        assertThat(reports).filteredOn(r -> r.code() == ExitCode.OK).hasSize(99)
                .allSatisfy(r -> assertThat(r.outputs()).hasSize(1));
        assertThat(reports).filteredOn(r -> r.code() != ExitCode.OK).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo("failed");
            assertThat(r.code()).isEqualTo(ExitCode.UPSTREAM);
            assertThat(r.inputs()).singleElement().asString().startsWith("https://img.test/");
            assertThat(r.resumable()).isFalse();
        });
        assertThat(filesIn(out())).hasSize(99);
    }

    @Test
    void noWait_submitsAndRecords_withoutPolling_thenResumeSaves() throws IOException {
        Runner runner = runner(Duration.ofMinutes(1), true);
        Runner.Report submitted = runner.run(calls(1), MODEL, "x").get(0);
        assertThat(submitted.status()).isEqualTo("in_queue");
        assertThat(sandbox.received()).noneMatch(r -> r.path().endsWith("/status"));
        assertThat(journal().find(submitted.requestId())).isPresent();

        Runner.Report resumed = runnerOnThisSandbox(Duration.ofMinutes(1), false).resume(submitted.requestId(), List.of());
        assertThat(resumed.code()).isEqualTo(ExitCode.OK);
        assertThat(resumed.outputs()).hasSize(1);
    }

    @Test
    void interrupt_cancelsQueuedJobs() throws Exception {
        Runner runner = runner(Duration.ofMinutes(1), false, Sandbox.Fault.QUEUED);
        CompletableFuture<List<Runner.Report>> running = CompletableFuture.supplyAsync(() -> runner.run(calls(1), MODEL, "x"));
        while (sandbox.received().stream().noneMatch(r -> r.path().endsWith("/status"))) {
            Thread.onSpinWait();
        }
        runner.interrupt();
        assertThat(running.get().get(0).code()).isEqualTo(ExitCode.INTERRUPTED);
        assertThat(runner.cancelUnfinished().values()).containsExactly("cancelled");
        assertThat(sandbox.received()).anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/cancel"));
    }

    @Test
    void interrupt_saysPlainlyWhenARunningJobCannotBeCancelled() throws Exception {
        Runner runner = runner(Duration.ofMinutes(1), false, Sandbox.Fault.SLOW);
        CompletableFuture<List<Runner.Report>> running = CompletableFuture.supplyAsync(() -> runner.run(calls(1), MODEL, "x"));
        while (sandbox.received().stream().noneMatch(r -> r.path().endsWith("/status"))) {
            Thread.onSpinWait();
        }
        runner.interrupt();
        running.get();
        assertThat(runner.cancelUnfinished().values()).singleElement().asString()
                .startsWith("not cancellable").contains("billed").contains("edit resume");
    }

    @Test
    void submitWithNoAnswer_isNeverRetried_andSaysItMayBeBilled() throws Exception {
        try (ServerSocket silent = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            List<Socket> held = Collections.synchronizedList(new ArrayList<>());
            Thread acceptor = new Thread(() -> {
                try {
                    while (true) {
                        held.add(silent.accept());
                        connections.incrementAndGet();
                    }
                } catch (IOException closed) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            Backoff backoff = new Backoff(recording, Clock.systemUTC(), 4, Duration.ofMillis(100), Duration.ofSeconds(5));
            Api api = new Api(HttpClient.newHttpClient(), "http://127.0.0.1:" + silent.getLocalPort() + "/v1", TOKEN, backoff, Duration.ofMillis(300));
            ObjectNode body = JSON.createObjectNode().put("prompt", "x");
            assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> api.submit(MODEL, body)))
                    .isInstanceOfSatisfying(ApiException.class, e -> {
                        assertThat(e.exitCode()).isEqualTo(ExitCode.UPSTREAM);
                        assertThat(e.getMessage()).contains("may have been created and billed");
                    });
            assertThat(connections.get()).isEqualTo(1);
            for (Socket s : held) {
                s.close();
            }
        }
    }

    @Test
    void submitThatCannotConnect_isRetried_thenExit75() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        Backoff backoff = new Backoff(recording, Clock.systemUTC(), 3, Duration.ofMillis(100), Duration.ofSeconds(5));
        Api api = new Api(HttpClient.newHttpClient(), "http://127.0.0.1:" + port + "/v1", TOKEN, backoff, Duration.ofSeconds(2));
        assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> api.submit(MODEL, JSON.createObjectNode())))
                .isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.exitCode()).isEqualTo(ExitCode.RETRYABLE);
                    assertThat(e.getMessage()).contains("Nothing was submitted");
                });
        assertThat(sleeps).hasSize(2);
    }
}
