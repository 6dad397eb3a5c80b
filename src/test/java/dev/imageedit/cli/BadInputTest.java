package dev.imageedit.cli;

import dev.imageedit.cli.Cli.Result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.run.Sandbox;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/**
 * Every bad input gets a usage (64) or data (65) error naming the value, what is allowed and what
 * to do, in the tool's own words; with --json, every failure is also one JSON document on stdout.
 */
class BadInputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMG = "https://img.test/photo.jpg";

    @TempDir
    Path home;

    private Sandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** Picocli's own phrasing, which names its machinery instead of the mistake, never reaches the user. */
    private static Result speaksForItself(Result r) {
        assertThat(r.err()).doesNotContain("Unmatched argument", "option option", "is not a double", "is not an int",
                "Invalid value for", "Missing required", "internal error");
        return r;
    }

    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        return env;
    }

    private Result run(Map<String, String> env, String... args) {
        return speaksForItself(Cli.run(env, "", args));
    }

    private Result run(String... args) {
        return run(env(), args);
    }

    private Map<String, String> apiEnv(Sandbox.Fault... faults) throws IOException {
        sandbox = Sandbox.start(Set.of(faults));
        Map<String, String> env = env();
        env.put("RUNCOMFY_MODEL_API_BASE", sandbox.base());
        env.put("RUNCOMFY_TOKEN", "tok");
        return env;
    }

    @ParameterizedTest
    @ValueSource(strings = {"NaN", "Infinity", "-Infinity", "1e-400", "1e400", "0x1p-2", "0.5d"})
    void strength_thatIsNoFiniteDecimal_isDataError_namingTheValue(String value) {
        Result r = run("Fill the masked area with grass", "--image", IMG, "--mask", IMG, "--strength", value, "--dry-run");
        assertThat(r.code()).as(r.err()).isEqualTo(65);
        assertThat(r.err()).contains("--strength " + value + " is ").contains("tongyi-mai/z-image/turbo/inpainting takes a decimal number");
    }

    @Test
    void seed_beyondTheWholeNumberRange_saysTheRange() {
        Result r = run("Keep the pose. Add a hat", "--image", IMG, "--model", "nano", "--seed", "99999999999999999999999", "--dry-run");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("--seed 99999999999999999999999 is out of range")
                .contains("from -9223372036854775808 to 9223372036854775807");
        assertThat(run("Keep the pose. Add a hat", "--image", IMG, "--model", "nano", "--seed", "4.5", "--dry-run").err())
                .contains("--seed 4.5 is not a whole number");
    }

    @Test
    void emptyModel_isUsageError_notIgnored() {
        Result r = run("Keep the pose. Add a hat", "--image", IMG, "--model", "", "--dry-run");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).contains("--model is empty").contains("nano, gpt, kontext, inpaint");
    }

    @Test
    void aRepeatedSetField_andARepeatedOption_areTheSameUsageError() {
        Result set = run("Keep the pose. Add a hat", "--image", IMG, "--set", "limit_generations=true", "--set", "limit_generations=false", "--dry-run");
        Result seed = run("Keep the pose. Add a hat", "--image", IMG, "--seed", "1", "--seed", "2", "--dry-run");
        assertThat(set.code()).isEqualTo(64);
        assertThat(seed.code()).isEqualTo(64);
        assertThat(set.err()).contains("--set limit_generations was given more than once (true, false): give it once");
        assertThat(seed.err()).contains("--seed was given more than once: give it once");
    }

    @Test
    void emptyImageMaskAndKeep_areErrors_notIgnored() {
        assertThat(run("Keep the pose. Add a hat", "--image", "", "--dry-run").err()).contains("edit: --image is empty; give a public https:// URL");
        assertThat(run("Fill it", "--image", IMG, "--mask", " ", "--dry-run").err()).contains("edit: --mask is empty");
        Result keep = run("Add a hat", "--image", IMG, "--keep", "", "--dry-run");
        assertThat(keep.code()).isEqualTo(64);
        assertThat(keep.err()).contains("--keep is empty");
    }

    @Test
    void anOptionAfterTheDoubleDash_isExplained() {
        assertThat(run("Keep the pose. Add a hat", "--image", IMG, "--dry-run", "--", "--json").err())
                .contains("--json came after '--'").doesNotContain("did you mean");
    }

    @Test
    void setWithoutEquals_saysTheShape() {
        Result r = run("Keep the pose. Add a hat", "--image", IMG, "--set", "abc", "--dry-run");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("--set abc is not FIELD=VALUE, e.g. --set limit_generations=false");
    }

    @Test
    void anUnquotedPrompt_isToldToQuoteIt() {
        Result r = run("Give", "the", "dog", "a", "hat", "--image", IMG);
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("the words 'the dog a hat' came after it: quote the prompt");
    }

    @Test
    void wordsOfAVeryLongUnquotedPrompt_areQuotedAsAnExcerpt() {
        String[] args = new String[2002];
        args[0] = "Give";
        for (int i = 1; i < 2000; i++) {
            args[i] = "word" + i;
        }
        args[2000] = "--image";
        args[2001] = IMG;
        Result r = run(args);
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err().lines()).allMatch(line -> line.length() < 300);
    }

    @Test
    void numberOptions_sayWhatTheyTake() {
        assertThat(run("Add a hat", "--image", IMG, "--concurrency", "abc").err())
                .contains("--concurrency abc is not a whole number: give a whole number from 1 to 10000");
        assertThat(run("Add a hat", "--image", IMG, "--concurrency", "0").err()).contains("--concurrency 0 is out of range");
        assertThat(run("Add a hat", "--image", IMG, "--timeout", "NaN").err())
                .contains("--timeout NaN is not a number of seconds above 0");
        assertThat(run("Add a hat", "--image", IMG, "--poll-interval", "-1").code()).isEqualTo(64);
        assertThat(run("Add a hat", "--image").err()).contains("edit: --image needs a value: URL");
        assertThat(run("status").err()).contains("edit status needs ID (the request id)");
        assertThat(run("Add a hat", "--colour", "red").err()).contains("--colour is not an option of edit");
        assertThat(run("Add a hat", "--image", IMG, "--web-search=maybe").err())
                .contains("--web-search maybe is not a boolean: a flag takes no value (or =true, =false)");
    }

    @Test
    void pollInterval_belowTheFloor_isRaisedToIt() {
        EditCommand command = new EditCommand(new Env(env(), new ByteArrayInputStream(new byte[0])));
        new CommandLine(command).parseArgs("Add a hat", "--image", IMG, "--poll-interval", "0.001");
        assertThat(command.run.pollSeconds).isEqualTo(RunOptions.MIN_POLL_SECONDS);
        new CommandLine(command).parseArgs("Add a hat", "--image", IMG, "--poll-interval", "3");
        assertThat(command.run.pollSeconds).isEqualTo(3.0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ftp://user:secret@x.test/v1", "not a url", "http://user:secret@127.0.0.1:9/v1", "/v1"})
    void apiBase_thatIsNoHttpUrl_isUsageError_namingTheVariable_withoutItsUserInfo(String base) throws IOException {
        Map<String, String> env = env();
        env.put("RUNCOMFY_MODEL_API_BASE", base);
        Result r = run(env, "Keep the pose. Add a hat", "--image", IMG, "--dry-run", "--json");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).startsWith("edit: RUNCOMFY_MODEL_API_BASE=").doesNotContain("secret");
        assertThat(r.json().path("error").path("message").asText()).startsWith("RUNCOMFY_MODEL_API_BASE=").doesNotContain("secret");
    }

    @Test
    void sandboxPort_outOfRange_orInUse_andJobSeconds_notAbove0_areUsageErrors() throws Exception {
        assertThat(run("sandbox", "--port", "99999").err()).contains("--port 99999 is out of range: give a port from 1 to 65535");
        assertThat(run("sandbox", "--job-seconds", "-1").err()).contains("--job-seconds -1 is not a number of seconds above 0");
        assertThat(run("sandbox", "--job-seconds", "0").code()).isEqualTo(64);
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Result r = CompletableFuture.supplyAsync(() -> run("sandbox", "--port", Integer.toString(taken.getLocalPort())))
                    .get(20, TimeUnit.SECONDS);
            assertThat(r.code()).isEqualTo(64);
            assertThat(r.err()).contains("--port " + taken.getLocalPort() + " is in use").contains("leave --port out");
        }
    }

    @Test
    void jobsLimit_belowOne_isUsageError() {
        assertThat(run("jobs", "--limit", "0").err()).contains("--limit 0 is out of range");
        assertThat(run("jobs", "--limit", "-1").code()).isEqualTo(64);
    }

    @Test
    void urls_areTrimmed_theSchemeIsCaseInsensitive_andEveryRefusalHasOneShape() throws IOException {
        Result r = run("Keep the pose. Add a hat", "--image", " HTTPS://A.TEST/1.PNG ", "--dry-run", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("requests").get(0).path("body").path("image").asText()).isEqualTo("https://A.TEST/1.PNG");
        for (String url : List.of("http://a.test/1.png", "./cat.png", "https://", "ht tp://x")) {
            Result bad = run("Keep the pose. Add a hat", "--image", url, "--dry-run");
            assertThat(bad.code()).as(url).isEqualTo(65);
            assertThat(bad.err()).as(url).startsWith("edit: --image " + url.strip() + " is ")
                    .contains("; give a public https:// URL of a JPEG, PNG or WebP image");
        }
    }

    @Test
    void json_everyFailureBeforeSubmitting_isOneDocumentOnStdout() throws IOException {
        for (List<String> args : List.of(List.of("Add a hat", "--json"), List.of("Add a hat", "--image", IMG, "--seed", "x", "--json", "--dry-run"),
                List.of("Add a hat", "--image", IMG, "--json"), List.of("Add a hat", "--image", IMG, "--bogus", "--json"))) {
            Result r = run(args.toArray(String[]::new));
            JsonNode doc = r.json();
            assertThat(doc.fieldNames()).toIterable().as(args.toString()).containsExactly("error", "requests");
            assertThat(doc.path("error").path("exit_code").asInt()).isEqualTo(r.code()).isIn(64, 65, 77);
            assertThat(doc.path("error").path("message").asText()).isNotBlank();
            assertThat(doc.path("requests")).isEmpty();
        }
    }

    @Test
    void json_aRunThatFailed_carriesTheErrorNextToItsRequests() throws IOException {
        Map<String, String> env = apiEnv(Sandbox.Fault.FAILED_JOB);
        Result r = run(env, "Keep the pose. Add a hat", "--image", IMG, "--poll-interval", "0.25", "-o", home.resolve("o").toString(), "--json");
        assertThat(r.code()).isEqualTo(69);
        JsonNode doc = r.json();
        assertThat(doc.path("error").path("exit_code").asInt()).isEqualTo(69);
        assertThat(doc.path("error").path("message").asText()).isNotBlank();
        assertThat(doc.path("requests").get(0).path("request_id").asText()).isNotBlank();
        assertThat(r.err()).as("state changes on stderr, for an agent watching").contains("submitted").contains("failed");
    }

    @Test
    void json_aRunThatSucceeded_hasNoErrorObject() throws IOException {
        Map<String, String> env = apiEnv();
        Result r = run(env, "Keep the pose. Add a hat", "--image", IMG, "--poll-interval", "0.25", "-o", home.resolve("o").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().has("error")).isFalse();
        assertThat(r.err()).contains("completed");
    }

    @Test
    void json_ctrlCOnAQueuedJob_saysCancelled_exits130_andOffersNoResume() throws Exception {
        Map<String, String> env = apiEnv(Sandbox.Fault.QUEUED);
        Child.Ended ended = Child.signalled(env, () -> sandbox.received().stream().anyMatch(r -> r.path().endsWith("/status")), "INT", 30,
                "Keep the pose. Add a hat", "--image", IMG, "--poll-interval", "0.25", "-o", home.resolve("o").toString(), "--json");
        assertThat(ended.code()).as(ended.err()).isEqualTo(130);
        JsonNode doc = JSON.readTree(ended.out());
        assertThat(doc.path("requests").get(0).path("status").asText()).isEqualTo("cancelled");
        assertThat(doc.path("error").path("exit_code").asInt()).isEqualTo(130);
        assertThat(ended.err()).doesNotContain("edit resume");
    }

    @Test
    void cancel_ofAJobThatEnded_saysSo() throws IOException {
        Map<String, String> env = apiEnv(Sandbox.Fault.QUEUED);
        String id = run(env, "Keep the pose. Add a hat", "--image", IMG, "--no-wait", "--json").json()
                .path("requests").get(0).path("request_id").asText();
        assertThat(run(env, "cancel", id).out().strip()).isEqualTo("cancelled");
        Result again = run(env, "cancel", id, "--json");
        assertThat(again.json().path("outcome").asText()).isEqualTo("already_ended");
        assertThat(run(env, "cancel", id).out()).startsWith("not cancelled: it has already ended (cancelled)").doesNotContain("running");
    }

    @Test
    void resume_ofAnUnknownId_saysThereIsNoSuchRequest_andOffersNoResume() throws IOException {
        Map<String, String> env = apiEnv();
        Result r = run(env, "resume", "no-such-request", "--json");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("no request no-such-request at " + sandbox.base()).contains("'edit jobs' lists recent ones")
                .doesNotContain("edit resume no-such-request");
        assertThat(r.json().path("error").path("exit_code").asInt()).isEqualTo(65);
    }

    @Test
    void completion_offersEndpointIdsForModel_andFaultNames() {
        String script = run("completion", "bash").out();
        assertThat(script).contains("nano").contains("kontext").contains("google/nano-banana-2/edit")
                .contains("rate-limit").contains("traversal-output");
    }
}
