package dev.imageedit.cli;

import dev.imageedit.cli.Cli.Result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.run.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Running jobs through the real command line, against sandboxes on 127.0.0.1. */
class RunCommandsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMG = "https://img.test/photo.jpg";
    private static final String TOKEN = "tok-abc-987";

    @TempDir
    Path home;

    private Sandbox sandbox;

    @AfterEach
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }


    private Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("HOME", home.toString());
        env.put("XDG_STATE_HOME", home.resolve("state").toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
        return env;
    }

    private Map<String, String> apiEnv(Sandbox.Fault... faults) throws IOException {
        sandbox = Sandbox.start(faults.length == 0 ? Set.of() : EnumSet.of(faults[0], faults));
        Map<String, String> env = env();
        env.put("RUNCOMFY_MODEL_API_BASE", sandbox.base());
        env.put("RUNCOMFY_TOKEN", TOKEN);
        return env;
    }

    private Result runWithInput(Map<String, String> env, String stdin, String... args) {
        return Cli.run(env, stdin, args);
    }

    private Result run(Map<String, String> env, String... args) {
        return runWithInput(env, "", args);
    }

    @Test
    void sandbox_runsAWholeJob_andPrintsTheSavedPath() throws IOException {
        Path out = home.resolve("out");
        Result r = run(env(), "Give the dog a red bandana", "--image", IMG, "--sandbox", "--poll-interval", "0.05", "-o", out.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out().strip()).isEqualTo(out.resolve("photo-edited.png").toAbsolutePath().toString());
        assertThat(out.resolve("photo-edited.png")).isNotEmptyFile();
        assertThat(r.err()).contains("submitted").contains("in_queue").contains("completed").contains("saved ");
        assertThat(home.resolve("state/image-edit/journal.jsonl")).content().contains("blackforestlabs/flux-1-kontext/pro/edit");
    }

    @Test
    void sandboxJson_isOneDocument_withAbsolutePaths() throws IOException {
        Result r = run(env(), "Brighten them", "--image", IMG, "--image", IMG, "--sandbox", "--poll-interval", "0.05",
                "-o", home.resolve("out").toString(), "--json");
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.fieldNames()).toIterable().containsExactlyInAnyOrder("endpoint", "mode", "warnings", "requests");
        assertThat(doc.path("mode").asText()).isEqualTo("fan_out");
        JsonNode request = doc.path("requests").get(0);
        assertThat(request.fieldNames()).toIterable().containsExactlyInAnyOrder("request_id", "inputs", "status", "outputs", "skipped", "error");
        assertThat(Path.of(request.path("outputs").get(0).path("path").asText())).isAbsolute().exists();
    }

    @Test
    void fanOutJson_tiesEveryOutputToItsInput_inInputOrder() throws IOException {
        Path out = home.resolve("out");
        List<String> inputs = List.of("https://img.test/red/sku-a.jpg", "https://img.test/blue/sku-b.png", "https://img.test/green/sku-a.jpg");
        List<String> args = new java.util.ArrayList<>(List.of("Put every shoe on a light grey background", "--sandbox", "--poll-interval", "0.05",
                "-o", out.toString(), "--json", "--seed", "3"));
        inputs.forEach(url -> args.addAll(List.of("--image", url)));
        Result r = run(env(), args.toArray(String[]::new));
        assertThat(r.code()).as(r.err()).isZero();
        JsonNode requests = r.json().path("requests");
        assertThat(requests).hasSize(3);
        for (int i = 0; i < 3; i++) {
            assertThat(requests.get(i).path("inputs")).singleElement().extracting(JsonNode::asText).isEqualTo(inputs.get(i));
        }
        assertThat(requests).extracting(q -> Path.of(q.path("outputs").get(0).path("path").asText()).getFileName().toString())
                .containsExactly("sku-a-edited.png", "sku-b-edited.png", "sku-a-2-edited.png");
    }

    @Test
    void fanOutHuman_listsInputToOutputPairs_andNamesTheFailedInput() {
        Path out = home.resolve("out");
        Result r = run(env(), "Put every shoe on a light grey background", "--sandbox", "--poll-interval", "0.05", "-o", out.toString(),
                "--seed", "3", "--sandbox-fault", "one-failed-job",
                "--image", "https://img.test/sku-a.jpg", "--image", "https://img.test/sku-b.jpg", "--image", "https://img.test/sku-c.jpg");
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.out().lines()).hasSize(2);
        assertThat(r.err()).contains("3 calls: 2 saved, 1 failed")
                .containsPattern("https://img.test/sku-[abc].jpg -> .*sku-[abc]-edited.png")
                .containsPattern("https://img.test/sku-[abc].jpg -> failed: the job failed")
                .containsPattern("run the same command with just: --image https://img.test/sku-[abc].jpg");
    }

    @Test
    void failedJob_exits69_withTheServersError() {
        Result r = run(env(), "Give the dog a hat", "--image", IMG, "--sandbox", "--sandbox-fault", "failed-job", "--poll-interval", "0.05", "-q");
        assertThat(r.code()).isEqualTo(69);
        assertThat(r.err()).contains("the model could not process the input image");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void timeout_exits75_andPrintsTheCommandThatResumes() {
        Result r = run(env(), "Give the dog a hat", "--image", IMG, "--sandbox", "--sandbox-fault", "slow",
                "--poll-interval", "0.05", "--timeout", "0.3", "-q");
        assertThat(r.code()).isEqualTo(75);
        assertThat(r.err()).contains("--timeout").containsPattern("edit resume [0-9a-f-]{36}");
    }

    @Test
    void unknownFault_isUsageError() {
        Result r = run(env(), "x", "--image", IMG, "--sandbox", "--sandbox-fault", "meteor");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("meteor").contains("rate-limit");
    }

    @Test
    void noWait_thenJobsStatusResumeAndCancel_actOnTheRequestId() throws IOException {
        Map<String, String> env = apiEnv();
        Result submitted = run(env, "Give the dog a hat", "--image", IMG, "--no-wait", "--json");
        assertThat(submitted.code()).as(submitted.err()).isZero();
        String id = submitted.json().path("requests").get(0).path("request_id").asText();
        assertThat(submitted.json().path("requests").get(0).path("status").asText()).isEqualTo("in_queue");

        JsonNode jobs = run(env, "jobs", "--json").json();
        assertThat(jobs.get(0).path("request_id").asText()).isEqualTo(id);
        assertThat(jobs.get(0).path("status").asText()).isEqualTo("not_collected");

        assertThat(run(env, "status", id).out().strip()).isEqualTo("in_queue (position 1)");

        Path out = home.resolve("resumed");
        Result resumed = run(env, "resume", id, "-o", out.toString(), "--poll-interval", "0.01", "--json");
        assertThat(resumed.code()).as(resumed.err()).isZero();
        assertThat(resumed.json().path("requests").get(0).path("outputs")).hasSize(1);
        assertThat(run(env, "jobs", "--json").json().get(0).path("status").asText()).isEqualTo("saved");

        Result cancel = run(env, "cancel", id);
        assertThat(cancel.out()).startsWith("not cancelled: it has already ended (completed)");
        assertThat(run(env, "status", "../etc").code()).isEqualTo(64);
    }

    @Test
    void rejectedToken_exits77_andTheTokenAppearsInNoOutput() throws IOException {
        Map<String, String> env = apiEnv(Sandbox.Fault.UNAUTHORIZED);
        Result r = run(env, "Give the dog a hat", "--image", IMG);
        assertThat(r.code()).isEqualTo(77);
        assertThat(r.out() + r.err()).doesNotContain(TOKEN).contains("edit login");
    }

    @Test
    void login_storesTheTokenPrivately_whereTheOfficialClientReadsIt_andLogoutRemovesIt() throws IOException {
        Map<String, String> env = env();
        Result in = runWithInput(env, "sk-live-42\n", "login");
        assertThat(in.code()).isZero();
        Path file = home.resolve("config/runcomfy/token.json");
        assertThat(JSON.readTree(file.toFile()).path("access_token").asText()).isEqualTo("sk-live-42");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
        assertThat(in.out() + in.err()).doesNotContain("sk-live-42");
        try (var listing = Files.list(file.getParent())) {
            assertThat(listing.map(p -> p.getFileName().toString()).toList()).containsExactly("token.json");
        }
        assertThat(run(env, "logout").code()).isZero();
        assertThat(file).doesNotExist();
    }

    @Test
    void tokenFileReadableByOthers_getsAWarning() throws IOException {
        Map<String, String> env = apiEnv();
        env.remove("RUNCOMFY_TOKEN");
        runWithInput(env, TOKEN + "\n", "login");
        Path file = home.resolve("config/runcomfy/token.json");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        Result r = run(env, "Give the dog a hat", "--image", IMG, "--poll-interval", "0.01", "-o", home.resolve("o").toString(), "-q");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.err()).contains("can be read by other users").contains("chmod 600");
    }

    @Test
    void ctrlC_inARealProcess_cancelsTheQueuedJob_andExits130() throws Exception {
        Map<String, String> env = apiEnv(Sandbox.Fault.QUEUED);
        Child.Ended ended = Child.signalled(env, () -> sandbox.received().stream().anyMatch(r -> r.path().endsWith("/status")), "INT", 30,
                "Give the dog a hat", "--image", IMG, "--poll-interval", "0.05", "-o", home.resolve("o").toString());
        assertThat(ended.code()).as(ended.err()).isEqualTo(130);
        assertThat(ended.err()).contains("interrupted").containsPattern("[0-9a-f-]{36}: cancelled");
        assertThat(sandbox.received()).anyMatch(r -> r.method().equals("POST") && r.path().endsWith("/cancel"));
    }

    @Test
    void sandboxCommand_printsItsUrl() throws Exception {
        ProcessBuilder builder = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "sandbox");
        Process process = builder.start();
        try {
            String url = new java.io.BufferedReader(new java.io.InputStreamReader(process.getInputStream())).readLine();
            assertThat(url).matches("http://127\\.0\\.0\\.1:\\d+/v1");
            Map<String, String> env = env();
            env.put("RUNCOMFY_MODEL_API_BASE", url);
            env.put("RUNCOMFY_TOKEN", "x");
            Result r = run(env, "Give the dog a hat", "--image", IMG, "--poll-interval", "0.2", "-o", home.resolve("o").toString(), "-q");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(List.of(r.out().strip())).singleElement().asString().endsWith(".png");
        } finally {
            process.destroyForcibly();
        }
    }
}
