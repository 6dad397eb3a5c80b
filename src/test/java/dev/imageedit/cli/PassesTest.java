package dev.imageedit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imageedit.run.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code edit --then}: passes that take the outputs of the pass before, each routed on its own. */
@Timeout(120)
class PassesTest {
    private static final String IMG = "https://img.test/dog.jpg";
    private static final List<String> THREE = List.of("Replace the background with a beach",
            "--then", "Add the headline 'SUMMER' at the top", "--then", "Give the dog a red bandana");

    @TempDir
    Path home;

    private String[] edit(String... more) {
        return Stream.concat(Stream.concat(THREE.stream(), Stream.of("--image", IMG, "-o", home.resolve("out").toString(),
                "--poll-interval", "0.05")), Stream.of(more)).toArray(String[]::new);
    }

    private List<String> saved() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("out"))) {
            return files.map(p -> p.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void threePasses_onTheSandbox_eachRoutedOnItsOwn_eachTakingTheOutputBefore() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Set.of())) {
            Cli.Result r = Workflows.run(Workflows.env(home, sandbox.base()), "", edit("--json"));
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode passes = r.json().path("edits").get(0).path("passes");
            assertThat(passes).extracting(p -> p.path("endpoint").asText())
                    .containsExactly("google/nano-banana-2/edit", "openai/gpt-image-2/edit", "blackforestlabs/flux-1-kontext/pro/edit");
            assertThat(passes).allSatisfy(p -> assertThat(p.path("request_id").asText()).isNotBlank());
            for (int i = 1; i < 3; i++) {
                assertThat(passes.get(i).path("inputs").get(0).asText()).isEqualTo(passes.get(i - 1).path("output_urls").get(0).asText())
                        .startsWith("http://127.0.0.1:" + sandbox.port() + "/files/");
            }
            assertThat(passes.get(0).path("outputs")).isEmpty();
            assertThat(saved()).containsExactly("dog-edited.png");
            assertThat(sandbox.submissions()).isEqualTo(3);
            assertThat(r.err()).contains("warning: pass 2: ");
        }
    }

    @Test
    void keepPasses_savesEveryPass() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Set.of())) {
            Cli.Result r = Workflows.run(Workflows.env(home, sandbox.base()), "", edit("--keep-passes"));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(saved()).containsExactly("dog-edited-pass1.png", "dog-edited-pass2.png", "dog-edited.png");
            assertThat(r.out().lines()).containsExactly(home.resolve("out/dog-edited.png").toAbsolutePath().toString());
        }
    }

    @Test
    void threePasses_onTheTestDouble_sendTheOutputURLAsTheNextInput() throws Exception {
        try (FakeApi api = new FakeApi(Duration.ZERO)) {
            Cli.Result r = Workflows.run(Workflows.env(home, api.base()), "", edit());
            assertThat(r.code()).as(r.err()).isZero();
            List<FakeApi.Submit> submits = api.submits();
            assertThat(submits).hasSize(3);
            assertThat(submits.get(0).body().path("image_urls").get(0).asText()).isEqualTo(IMG);
            assertThat(submits.get(1).body().path("images").get(0).asText()).endsWith("/files/" + submits.get(0).id() + "/out-1.png");
            assertThat(submits.get(2).body().path("image").asText()).endsWith("/files/" + submits.get(1).id() + "/out-1.png");
            assertThat(r.err()).contains("pass 1 google/nano-banana-2/edit " + submits.get(0).id() + " completed -> http://")
                    .contains("pass 3 blackforestlabs/flux-1-kontext/pro/edit " + submits.get(2).id());
            assertThat(saved()).containsExactly("dog-edited.png");
        }
    }

    @Test
    void aPassWithSeveralOutputs_feedsEachIntoItsOwnNextPass() throws Exception {
        try (FakeApi api = new FakeApi(Duration.ZERO)) {
            Cli.Result r = Workflows.run(Workflows.env(home, api.base()), "", "Replace the background with a beach", "-n", "2",
                    "--then", "Add the headline 'SUMMER' at the top", "--image", IMG, "-o", home.resolve("out").toString(),
                    "--poll-interval", "0.05");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(api.accepted()).isEqualTo(3);
            assertThat(api.submits().get(1).body().has("num_images")).isFalse();
            assertThat(saved()).containsExactly("dog-edited-v1.png", "dog-edited-v2.png");
        }
    }

    @Test
    void anInterruptedChain_resumesFromThePassItWasIn_neverRerunningAFinishedOne() throws Exception {
        try (FakeApi api = new FakeApi(Duration.ofMillis(1500))) {
            Map<String, String> env = Workflows.env(home, api.base());
            // Killed while pass 2 runs, once the journal has it: the moment a crash costs the most.
            Workflows.crash(env, () -> uncheckedJournaled().size() == 2, 60, edit("-q"));
            assertThat(api.accepted()).isEqualTo(2);
            Cli.Result r = Workflows.run(env, "", edit("--json"));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(api.accepted()).isEqualTo(3);
            JsonNode passes = r.json().path("edits").get(0).path("passes");
            assertThat(passes).extracting(p -> p.path("reused").asBoolean()).containsExactly(true, true, false);
            assertThat(passes.get(1).path("request_id").asText()).isEqualTo(api.submits().get(1).id());
            assertThat(saved()).containsExactly("dog-edited.png");
        }
    }

    @Test
    void resumeById_carriesTheChainOnFromThatPass() throws Exception {
        try (FakeApi api = new FakeApi(Duration.ofMillis(1500))) {
            Map<String, String> env = Workflows.env(home, api.base());
            Workflows.crash(env, () -> uncheckedJournaled().size() == 2, 60, edit("-q"));
            String second = api.submits().get(1).id();
            Cli.Result r = Workflows.run(env, "", "resume", second, "--poll-interval", "0.05", "--json");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(api.accepted()).isEqualTo(3);
            JsonNode passes = r.json().path("edits").get(0).path("passes");
            assertThat(passes).extracting(p -> p.path("pass").asInt()).containsExactly(1, 2, 3);
            assertThat(passes).extracting(p -> p.path("reused").asBoolean()).containsExactly(true, true, false);
            assertThat(passes.get(1).path("request_id").asText()).isEqualTo(second);
            assertThat(api.submits().get(2).body().path("image").asText()).endsWith("/files/" + second + "/out-1.png");
            assertThat(saved()).containsExactly("dog-edited.png");
        }
    }

    private Set<String> uncheckedJournaled() {
        try {
            return Workflows.journaled(home);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void dryRun_showsEveryPass_andSendsNothing() {
        Cli.Result r = Workflows.run(Workflows.env(home, null), "", edit("--dry-run"));
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("pass 1 google/nano-banana-2/edit single (1 call, 1 image); then pass 2 openai/gpt-image-2/edit single")
                .contains("then pass 3 blackforestlabs/flux-1-kontext/pro/edit").contains("0 saved, 0 to resume, 1 to submit");
    }

    @Test
    void aBadLaterPass_stopsTheWholeEdit_beforeAnythingIsSent() {
        Cli.Result r = Workflows.run(Workflows.env(home, "http://127.0.0.1:9/v1"), "", "Replace the background with a beach",
                "--then", "Fill the masked area with grass", "--then", "", "--image", IMG);
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("pass 3 has an empty prompt");
    }
}
