package dev.imageedit.cli;

import dev.imageedit.cli.Cli.Result;
import dev.imageedit.app.EditInput;
import dev.imageedit.app.Edits;
import dev.imageedit.app.RunResult;
import dev.imageedit.app.RunSettings;
import dev.imageedit.app.Workspace;
import dev.imageedit.request.Plan;
import dev.imageedit.run.RunListener;
import java.util.concurrent.atomic.AtomicReference;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.github.tomakehurst.wiremock.WireMockServer;
import dev.imageedit.run.Runner;
import dev.imageedit.run.Sandbox;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The command line on a hostile disk and with hostile settings: what is refused before anything
 * is paid for (exit 73, the API hears nothing), what is printed after, and what is never printed.
 * WireMock on 127.0.0.1 stands for the API; the product's sandbox only where a whole job must run.
 */
class HostileCliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMG = "https://img.test/photo.jpg";
    private static final String TOKEN = "sk-live-SECRET-777";

    private static WireMockServer api;

    @TempDir
    Path home;

    private Sandbox sandbox;

    @BeforeAll
    static void start() {
        api = new WireMockServer(options().bindAddress("127.0.0.1").dynamicPort());
        api.start();
    }

    @AfterAll
    static void stopServer() {
        api.stop();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
    }

    @AfterEach
    void stopSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }


    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        env.put("RUNCOMFY_MODEL_API_BASE", "http://127.0.0.1:" + api.port() + "/v1");
        env.put("RUNCOMFY_TOKEN", TOKEN);
        return env;
    }

    private Map<String, String> sandboxEnv(Sandbox.Fault... faults) throws IOException {
        sandbox = Sandbox.start(faults.length == 0 ? EnumSet.noneOf(Sandbox.Fault.class) : EnumSet.of(faults[0], faults));
        Map<String, String> env = env();
        env.put("RUNCOMFY_MODEL_API_BASE", sandbox.base());
        return env;
    }

    private Result run(Map<String, String> env, String... args) {
        return Cli.run(env, "", args);
    }

    private Result edit(Map<String, String> env, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("Give the dog a hat", "--image", IMG, "--poll-interval", "0.01"));
        args.addAll(List.of(more));
        return run(env, args.toArray(String[]::new));
    }

    private void apiHeardNothing() {
        api.verify(0, anyRequestedFor(anyUrl()));
    }

    /** Whether a folder without write permission really refuses this process (it does not for root). */
    private boolean permissionsBind() throws IOException {
        Path probe = Files.createDirectories(home.resolve("probe"));
        Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("r-x------"));
        try {
            Files.delete(Files.createFile(probe.resolve("x")));
            return false;
        } catch (IOException refused) {
            return true;
        } finally {
            Files.setPosixFilePermissions(probe, PosixFilePermissions.fromString("rwx------"));
        }
    }

    private static final String ROOT = "permissions do not bind for root; the file-in-the-way cases prove the same refusal";

    // Paid work is lost: checked before paying

    @Test
    void stateHomeThatIsAFile_isExit73_andNothingIsSent() throws IOException {
        Map<String, String> env = env();
        Files.writeString(home.resolve("state"), "not a folder");
        for (String mode : List.of("--json", "--no-wait")) {
            Result r = edit(env, "-o", home.resolve("out").toString(), mode);
            assertThat(r.code()).as(r.err()).isEqualTo(73);
            assertThat(r.err()).contains("cannot write the job journal").contains("nothing was sent").doesNotContain("Exception");
        }
        apiHeardNothing();
    }

    @Test
    void journalThatIsAFolder_isExit73_andNothingIsSent() throws IOException {
        Files.createDirectories(home.resolve("state/image-edit/journal.jsonl"));
        Result r = edit(env(), "-o", home.resolve("out").toString());
        assertThat(r.code()).as(r.err()).isEqualTo(73);
        apiHeardNothing();
    }

    @Test
    void journalWithMode000_orInAReadOnlyFolder_isExit73_andNothingIsSent() throws IOException {
        assumeTrue(permissionsBind(), ROOT);
        Path journal = home.resolve("state/image-edit/journal.jsonl");
        Files.createDirectories(journal.getParent());
        Files.writeString(journal, "");
        Files.setPosixFilePermissions(journal, PosixFilePermissions.fromString("---------"));
        assertThat(edit(env(), "-o", home.resolve("out").toString()).code()).isEqualTo(73);

        Files.delete(journal);
        Files.setPosixFilePermissions(journal.getParent(), PosixFilePermissions.fromString("r-x------"));
        try {
            assertThat(edit(env(), "-o", home.resolve("out").toString(), "--no-wait").code()).isEqualTo(73);
        } finally {
            Files.setPosixFilePermissions(journal.getParent(), PosixFilePermissions.fromString("rwx------"));
        }
        apiHeardNothing();
    }

    @Test
    void outputFolderThatCannotBeWritten_isExit73_andNothingIsSent() throws IOException {
        Path file = Files.writeString(home.resolve("a-file"), "x");
        for (Path out : List.of(file, file.resolve("under"), Path.of("/proc/self"))) {
            Result r = edit(env(), "-o", out.toString());
            assertThat(r.code()).as(out + ": " + r.err()).isEqualTo(73);
            assertThat(r.err()).contains("cannot save outputs in").contains("-o");
        }
        apiHeardNothing();
    }

    @Test
    void readOnlyOutputFolder_isExit73_andNothingIsSent() throws IOException {
        assumeTrue(permissionsBind(), ROOT);
        Path out = Files.createDirectories(home.resolve("locked"));
        Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("r-x------"));
        try {
            assertThat(edit(env(), "-o", out.toString()).code()).isEqualTo(73);
        } finally {
            Files.setPosixFilePermissions(out, PosixFilePermissions.fromString("rwx------"));
        }
        apiHeardNothing();
    }

    // Paid work is lost: printed after

    @Test
    void journalFailingAfterTheSubmit_printsTheIdAndTheResumeCommand_onStderrAndInJson() throws Exception {
        api.stubFor(post(urlPathMatching("/v1/models/.*")).willReturn(aResponse().withStatus(200).withFixedDelay(1500)
                .withHeader("Content-Type", "application/json").withBody("{\"request_id\": \"req-9\"}")));
        Path journal = home.resolve("state/image-edit/journal.jsonl");
        CompletableFuture<Result> running = CompletableFuture.supplyAsync(
                () -> edit(env(), "-o", home.resolve("out").toString(), "--no-wait", "--json"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!Files.exists(journal) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        // The preflight made the journal; while the submit is on its way, the disk takes it away.
        Files.delete(journal);
        Files.createDirectory(journal);

        Result r = running.get(10, TimeUnit.SECONDS);

        assertThat(r.code()).as(r.err()).isEqualTo(73);
        assertThat(r.err()).contains("req-9").contains("cannot write the job journal").contains("edit resume req-9");
        JsonNode request = r.json().path("requests").get(0);
        assertThat(request.path("request_id").asText()).isEqualTo("req-9");
        assertThat(request.path("resume").asText()).isEqualTo("edit resume req-9");
    }

    @Test
    void resumeWithoutOutputDir_savesIntoTheJournalledFolder() throws IOException {
        Map<String, String> env = sandboxEnv();
        Path chosen = home.resolve("chosen");
        Result submitted = edit(env, "-o", chosen.toString(), "--no-wait", "--json");
        String id = submitted.json().path("requests").get(0).path("request_id").asText();

        Result resumed = run(env, "resume", id, "--poll-interval", "0.01", "--json");

        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(Path.of(resumed.json().path("requests").get(0).path("outputs").get(0).path("path").asText()))
                .startsWith(chosen.toAbsolutePath()).exists();
    }

    // The sandbox and the journalled API base

    @Test
    void sandboxWithNoWait_isUsageError() {
        Result r = run(env(), "Give the dog a hat", "--image", IMG, "--sandbox", "--no-wait");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("--no-wait").contains("--sandbox");
    }

    @Test
    void jobOfAnotherApi_isRefusedByStatusCancelAndResume_andItsIdGoesNowhere() throws IOException {
        Map<String, String> env = sandboxEnv();
        String id = edit(env, "-o", home.resolve("o").toString(), "--no-wait", "--json").json().path("requests").get(0).path("request_id").asText();

        Map<String, String> elsewhere = env();
        for (String command : List.of("status", "cancel", "resume")) {
            Result r = run(elsewhere, command, id);
            assertThat(r.code()).as(command + ": " + r.err()).isEqualTo(64);
            assertThat(r.err()).contains(id).contains(sandbox.base()).contains("sandbox");
        }
        apiHeardNothing();
    }

    @Test
    void cancelledJob_isJournalledAsCancelled() throws IOException {
        Map<String, String> env = sandboxEnv(Sandbox.Fault.QUEUED);
        String id = edit(env, "-o", home.resolve("o").toString(), "--no-wait", "--json").json().path("requests").get(0).path("request_id").asText();

        assertThat(run(env, "cancel", id).out().strip()).isEqualTo("cancelled");

        assertThat(run(env, "jobs", "--json").json().get(0).path("status").asText()).isEqualTo("cancelled");
    }

    @Test
    void jobCancelledAfterAnInterrupt_isNotOfferedForResume() throws Exception {
        Map<String, String> env = sandboxEnv(Sandbox.Fault.QUEUED);
        StringWriter err = new StringWriter();
        Edits edits = new Edits(Workspace.of(env, null));
        Plan plan = edits.plan(new EditInput("Give the dog a hat", List.of("https://img.test/1.png"), null, null, null, Map.of()));
        AtomicReference<Runner> started = new AtomicReference<>();
        CompletableFuture<RunResult> running = CompletableFuture.supplyAsync(() -> edits.run(plan, "x",
                new RunSettings(home.resolve("o"), 0.01, 60, 1, false), RunListener.NONE, started::set));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (sandbox.received().stream().noneMatch(r -> r.path().endsWith("/status")) && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        started.get().interrupt();
        RunResult result = running.get(5, TimeUnit.SECONDS);
        List<Runner.Report> reports = result.reports();
        StringWriter out = new StringWriter();

        RunOptions json = new RunOptions();
        json.json = true;
        int code = Runs.print(new PrintWriter(out, true), new PrintWriter(err, true), json, result);

        assertThat(code).isEqualTo(130);
        assertThat(err.toString()).contains(": cancelled").doesNotContain("edit resume");
        assertThat(JSON.readTree(out.toString()).path("requests").get(0).has("resume")).isFalse();
        String id = reports.get(0).requestId();
        assertThat(run(env, "jobs", "--json").json().get(0).path("request_id").asText()).isEqualTo(id);
        assertThat(run(env, "jobs", "--json").json().get(0).path("status").asText()).isEqualTo("cancelled");
    }

    // The token leaks

    @Test
    void worldReadableTokenFile_isWarnedAbout_byStatusCancelAndResume() throws IOException {
        Map<String, String> env = sandboxEnv();
        env.remove("RUNCOMFY_TOKEN");
        Path file = Files.createDirectories(home.resolve("config/runcomfy")).resolve("token.json");
        Files.writeString(file, "{\"access_token\": \"" + TOKEN + "\"}");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        String id = edit(env, "-o", home.resolve("o").toString(), "--no-wait", "--json", "-q").json()
                .path("requests").get(0).path("request_id").asText();

        for (String command : List.of("status", "cancel", "resume")) {
            Result r = run(env, command, id, "--json");
            assertThat(r.err()).as(command).contains("can be read by other users").contains("chmod 600");
            assertThat(r.all()).doesNotContain(TOKEN);
        }
    }

    @Test
    void malformedTokenFile_isNeverQuoted_andNamesTheFile() throws IOException {
        Map<String, String> env = env();
        env.remove("RUNCOMFY_TOKEN");
        Path file = Files.createDirectories(home.resolve("config/runcomfy")).resolve("token.json");
        Files.writeString(file, "{\"access_token\": \"" + TOKEN);

        Result r = edit(env, "-o", home.resolve("o").toString());

        assertThat(r.code()).isEqualTo(77);
        assertThat(r.all()).doesNotContain("SECRET").doesNotContain("sk-live").contains(file.toString()).contains("edit login");
        apiHeardNothing();
    }

    @Test
    void tokenWithALineBreak_isNeverPrinted_andNamesTheVariable() {
        for (String bad : List.of("sk-live-SECRET\r\nX-Evil: 1", "sk-live SECRET")) {
            Map<String, String> env = env();
            env.put("RUNCOMFY_TOKEN", bad);
            Result r = edit(env, "-o", home.resolve("o").toString());
            assertThat(r.code()).isEqualTo(77);
            assertThat(r.all()).doesNotContain("SECRET").doesNotContain("sk-live").contains("RUNCOMFY_TOKEN");
        }
        apiHeardNothing();
    }

    @Test
    void baseUrlWithAPassword_isNeverPrinted() {
        Map<String, String> env = env();
        env.put("RUNCOMFY_MODEL_API_BASE", "http://admin:hunter2@127.0.0.1:" + api.port() + "/v1");
        for (String[] args : List.of(new String[] {"Give the dog a hat", "--image", IMG, "-o", home.resolve("o").toString()},
                new String[] {"status", "abc"})) {
            Result r = run(env, args);
            assertThat(r.code()).isEqualTo(64);
            assertThat(r.all()).doesNotContain("hunter2").contains("user name or password");
        }
        apiHeardNothing();
    }

    // Terminal

    @Test
    void escapeCodesInAStoredPrompt_neverReachTheTerminal_inJobs() throws IOException {
        Path journal = Files.createDirectories(home.resolve("state/image-edit")).resolve("journal.jsonl");
        Files.writeString(journal, "{\"time\":\"2026-11-24T10:00:00Z\",\"event\":\"submitted\",\"request_id\":\"req-1\","
                + "\"endpoint\":\"e\\u001b[2J\",\"prompt\":\"hat\\u001b]0;pwned\\u0007\\u009b31m\",\"output_dir\":\"/tmp\"}\n");

        Result r = run(env(), "jobs");

        assertThat(r.out()).contains("req-1").contains("hat\\x1B]0;pwned\\x07\\x9B31m");
        assertThat(r.out().chars()).noneMatch(c -> Character.isISOControl(c) && c != '\n');
    }

    // SIGTERM

    @Test
    void sigtermWhileQueued_cancelsTheJobLikeCtrlC() throws Exception {
        Map<String, String> env = sandboxEnv(Sandbox.Fault.QUEUED);
        Child.Ended ended = Child.signalled(env, () -> sandbox.received().stream().anyMatch(r -> r.path().endsWith("/status")), "TERM", 30,
                "Give the dog a hat", "--image", IMG, "--poll-interval", "0.05", "-o", home.resolve("o").toString());
        assertThat(ended.code()).as(ended.err()).isEqualTo(130);
        assertThat(ended.err()).contains("SIGTERM").containsPattern("[0-9a-f-]{36}: cancelled").doesNotContain("edit resume");
        assertThat(sandbox.received()).anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/cancel"));
    }
}
