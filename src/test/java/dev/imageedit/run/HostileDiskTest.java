package dev.imageedit.run;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.imageedit.EditException;
import dev.imageedit.ExitCode;
import dev.imageedit.request.Call;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The journal and the output folder on a disk that fights back: torn lines, lost writes, races for a name, leftovers. */
class HostileDiskTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String MODEL = "google/nano-banana-2/edit";
    private static final byte[] PNG = HostileApiTest.png(2048);

    private static WireMockServer api;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort().containerThreads(20));
        api.start();
    }

    @AfterAll
    static void stopServer() {
        api.stop();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
        api.stubFor(get(urlPathEqualTo("/files/edited-15.png")).willReturn(aResponse().withHeader("Content-Type", "image/png").withBody(PNG)));
    }

    private String base() {
        return "http://127.0.0.1:" + api.port() + "/v1";
    }

    private String fileUrl() {
        return "http://127.0.0.1:" + api.port() + "/files/edited-15.png";
    }

    private Backoff backoff() {
        return new Backoff(d -> { }, Clock.systemUTC(), 3, Duration.ofMillis(10), Duration.ofSeconds(1));
    }

    private Downloader downloader() {
        return new Downloader(HttpClient.newHttpClient(), base(), backoff(), Downloader.MAX_BYTES);
    }

    private Path journalFile() {
        return dir.resolve("state/journal.jsonl");
    }

    private Runner runner(Path out) {
        HttpClient http = HttpClient.newHttpClient();
        Backoff backoff = backoff();
        return new Runner(new Api(http, base(), "tok", backoff, Duration.ofSeconds(5)), new Downloader(http, base(), backoff, Downloader.MAX_BYTES),
                new Journal(journalFile(), Clock.systemUTC()),
                new Progress(new PrintWriter(Writer.nullWriter()), Progress.Style.QUIET, false, Clock.systemUTC()),
                d -> { }, Clock.systemUTC(), new Runner.Settings(out, Duration.ofMillis(10), Duration.ofMinutes(1), 1, false));
    }

    @Test
    void tornLastLine_doesNotSwallowTheNextRecord() throws IOException {
        Journal journal = new Journal(journalFile(), Clock.systemUTC());
        journal.submitted("first", MODEL, "one", dir, List.of(), base());
        Files.writeString(journalFile(), "{\"time\":\"2026-11-24T10:00:00Z\",\"event\":\"submitted\",\"request_id\":\"torn\",\"prom",
                StandardOpenOption.APPEND);

        journal.submitted("second", MODEL, "two", dir, List.of(), base());

        assertThat(journal.entries()).extracting(Journal.Entry::requestId).containsExactlyInAnyOrder("first", "second");
        assertThat(Files.readString(journalFile())).endsWith("\n").contains("\"prom\n{");
    }

    @Test
    void journalThatFailsAfterTheSubmit_leavesTheIdInTheReport_andExit73() throws IOException {
        api.stubFor(post(urlPathEqualTo("/v1/models/" + MODEL)).willReturn(okJson("{\"request_id\": \"req-7\"}")));
        api.stubFor(get(urlPathEqualTo("/v1/requests/req-7/status")).willReturn(okJson("{\"status\": \"completed\"}")));
        api.stubFor(get(urlPathEqualTo("/v1/requests/req-7/result"))
                .willReturn(okJson("{\"status\": \"completed\", \"output\": {\"image\": \"" + fileUrl() + "\"}}")));
        Runner runner = runner(dir.resolve("out"));
        runner.preflight();
        // The disk fails between the check and the write: the journal's place is taken by a folder.
        Files.delete(journalFile());
        Files.createDirectory(journalFile());

        ObjectNode body = JSON.createObjectNode().put("prompt", "x");
        Runner.Report report = runner.run(List.of(new Call(base() + "/models/" + MODEL, body, List.of("https://img.test/1.png"), 1)), MODEL, "x").get(0);

        assertThat(report.requestId()).isEqualTo("req-7");
        assertThat(report.code()).isEqualTo(ExitCode.CANT_CREATE);
        assertThat(report.error()).contains("cannot write the job journal").contains("req-7");
        assertThat(report.outputs()).as("the paid output is still saved").hasSize(1);
    }

    @Test
    void preflight_refusesAJournalItCannotWrite_withExit73() throws IOException {
        Files.createDirectories(journalFile());
        Throwable refused = catchThrowable(() -> runner(dir.resolve("out")).preflight());
        assertThat(refused).isInstanceOfSatisfying(EditException.class, e -> {
            assertThat(e.exitCode()).isEqualTo(ExitCode.CANT_CREATE);
            assertThat(e.getMessage()).contains("journal").contains("nothing was sent").contains("XDG_STATE_HOME");
        });
    }

    @Test
    void existingFileAndDanglingLink_atTheChosenName_areNeverReplaced() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path taken = Files.writeString(out.resolve("edited-15.png"), "an earlier paid output");
        Path dangling = Files.createSymbolicLink(out.resolve("edited-15-1.png"), dir.resolve("nowhere.png"));

        Downloader.Outcome outcome = downloader().fetch(fileUrl(), out, null, n -> { });

        assertThat(outcome).isInstanceOfSatisfying(Downloader.Saved.class, s -> assertThat(s.path()).hasFileName("edited-15-2.png"));
        assertThat(taken).hasContent("an earlier paid output");
        assertThat(Files.isSymbolicLink(dangling)).isTrue();
        assertThat(dir.resolve("nowhere.png")).doesNotExist();
    }

    @Test
    void runsSavingTheSameNameAtOnce_eachKeepTheirOwnFile() throws Exception {
        Path out = Files.createDirectories(dir.resolve("out"));
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Callable<Downloader.Outcome>> saves = new ArrayList<>();
            for (int i = 0; i < runs; i++) {
                // A downloader each, as separate runs (separate processes) would have.
                Downloader own = downloader();
                saves.add(() -> own.fetch(fileUrl(), out, null, n -> { }));
            }
            List<Path> saved = new ArrayList<>();
            for (Future<Downloader.Outcome> f : pool.invokeAll(saves)) {
                saved.add(((Downloader.Saved) f.get()).path());
            }
            assertThat(saved).doesNotHaveDuplicates().hasSize(runs);
            try (Stream<Path> files = Files.list(out)) {
                assertThat(files.toList()).hasSize(runs).allSatisfy(p -> assertThat(Files.readAllBytes(p)).isEqualTo(PNG));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void partialFilesOfAKilledRun_areRemoved_andALiveDownloadsAreNot() throws IOException {
        Path out = Files.createDirectories(dir.resolve("out"));
        Path stale = Files.writeString(out.resolve(".edit-0b7c.part"), "half an image");
        Files.setLastModifiedTime(stale, FileTime.from(Instant.now().minus(Downloader.STALE_PART_AGE).minusSeconds(60)));
        Path live = Files.writeString(out.resolve(".edit-9f3a.part"), "being written", StandardCharsets.UTF_8);
        Path mine = Files.writeString(out.resolve("notes.part"), "not ours");
        Files.setLastModifiedTime(mine, FileTime.from(Instant.now().minus(Duration.ofDays(3))));

        runner(out).preflight();

        assertThat(stale).doesNotExist();
        assertThat(live).exists();
        assertThat(mine).exists();
    }
}
