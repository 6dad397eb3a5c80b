package dev.imageedit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.imageedit.run.Sandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code edit batch}: a manifest planned whole, run through one runner, and never paid for twice. */
@Timeout(120)
class BatchTest {
    @TempDir
    Path home;

    private static String line(int i) {
        return "{\"name\": \"sku-" + i + "\", \"prompt\": \"Put the product on a light grey background\", "
                + "\"images\": [\"https://img.test/catalogue/sku-" + i + ".jpg\"], \"options\": {\"seed\": " + i + "}}";
    }

    private Path manifest(int lines, Map<Integer, String> replaced) throws IOException {
        List<String> text = new ArrayList<>();
        for (int i = 1; i <= lines; i++) {
            text.add(replaced.getOrDefault(i, line(i)));
        }
        return Files.write(home.resolve("catalogue.jsonl"), text);
    }

    private static final Map<Integer, String> TWO_BAD = Map.of(
            17, "{\"name\": \"sku-17\", \"prompt\": \"Put the product on a light grey background\", "
                    + "\"images\": [\"https://img.test/catalogue/sku-17.jpg\"], \"options\": {\"resolution\": \"8K\"}}",
            33, "{\"prompt\": \"Put the product on grey\", \"images\": [\"https://img.test/a.jpg\"],");

    private String[] batch(Path manifest, String... more) {
        return Stream.concat(Stream.of("batch", manifest.toString(), "-o", home.resolve("out").toString(), "--poll-interval", "0.05"),
                Stream.of(more)).toArray(String[]::new);
    }

    /** The images in the output folder; a download cut by a kill leaves a hidden partial file, which is not one. */
    private List<String> saved() throws IOException {
        try (Stream<Path> files = Files.list(home.resolve("out"))) {
            return files.map(p -> p.getFileName().toString()).filter(n -> !n.startsWith(".")).sorted().toList();
        }
    }

    @Test
    void aBadLine_sendsNothing_andEveryBadLineIsListedWithItsNumber() throws Exception {
        try (FakeApi api = new FakeApi(Duration.ZERO)) {
            Cli.Result r = Workflows.run(Workflows.env(home, api.base()), "", batch(manifest(50, TWO_BAD)));
            assertThat(r.code()).as(r.err()).isEqualTo(65);
            assertThat(api.submits()).isEmpty();
            assertThat(r.err()).contains("line 17: --resolution 8K").contains("line 33").contains("is not JSON")
                    .contains("2 of 50 lines cannot run; nothing was sent");
        }
    }

    @Test
    void aBadLine_onTheSandbox_sendsNothingEither() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Set.of())) {
            Cli.Result r = Workflows.run(Workflows.env(home, sandbox.base()), "", batch(manifest(50, TWO_BAD), "--json"));
            assertThat(r.code()).as(r.err()).isEqualTo(65);
            assertThat(sandbox.received()).isEmpty();
            assertThat(r.json().path("invalid")).extracting(i -> i.path("line").asInt()).containsExactly(17, 33);
        }
    }

    @Test
    void skipInvalid_runsTheGoodLines_andReportsTheBadOnes() throws Exception {
        try (FakeApi api = new FakeApi(Duration.ZERO)) {
            Cli.Result r = Workflows.run(Workflows.env(home, api.base()), "", batch(manifest(50, TWO_BAD), "--skip-invalid", "--json"));
            assertThat(r.code()).as(r.err()).isEqualTo(65);
            JsonNode doc = r.json();
            assertThat(doc.path("edits")).hasSize(48);
            assertThat(doc.path("invalid")).extracting(i -> i.path("line").asInt()).containsExactly(17, 33);
            assertThat(doc.path("summary").path("images").asInt()).isEqualTo(48);
            assertThat(api.accepted()).isEqualTo(48);
            assertThat(saved()).hasSize(48).contains("sku-1.png", "sku-50.png").doesNotContain("sku-17.png");
        }
    }

    @Test
    void crashMidway_thenTheSameCommandSubmitsOnlyWhatWasNeverSubmitted() throws Exception {
        try (FakeApi api = new FakeApi(Duration.ofMillis(400))) {
            Path manifest = manifest(50, Map.of());
            Map<String, String> env = Workflows.env(home, api.base());
            CountDownLatch twenty = new CountDownLatch(1);
            api.onAccepted(n -> {
                if (n == 20) {
                    twenty.countDown();
                }
            });
            Workflows.crash(env, twenty, 60, batch(manifest, "-q"));
            Thread.sleep(200); // answers already on their way to the killed child are not part of the count
            int firstRun = api.accepted();
            Set<String> recorded = Workflows.journaled(home);
            assertThat(firstRun).isGreaterThanOrEqualTo(20);

            Cli.Result dry = Workflows.run(env, "", batch(manifest, "--dry-run"));
            assertThat(dry.code()).as(dry.err()).isZero();
            assertThat(dry.out()).contains((50 - recorded.size()) + " to submit");

            api.onAccepted(n -> { });
            Cli.Result rerun = Workflows.run(env, "", batch(manifest, "--json"));
            assertThat(rerun.code()).as(rerun.err()).isZero();
            // Every job the journal had recorded was awaited, not submitted again.
            assertThat(api.accepted() - firstRun).isEqualTo(50 - recorded.size());
            Set<String> bodies = new HashSet<>();
            api.submits().stream().filter(s -> s.status() == 200 && recorded.contains(s.id())).forEach(s -> bodies.add(s.body().toString()));
            long resubmitted = api.submits().stream().skip(firstRun).filter(s -> bodies.contains(s.body().toString())).count();
            assertThat(resubmitted).isZero();
            // One image per line. A file whose download ended in the instant before the kill, before
            // the journal said so, is fetched again next to it (-1): a second file, never a second job.
            assertThat(saved()).allMatch(n -> n.matches("sku-\\d+(-1)?\\.png"))
                    .extracting(n -> n.replaceAll("^(sku-\\d+)(-1)?\\.png$", "$1")).containsAll(IntStream.rangeClosed(1, 50).mapToObj(i -> "sku-" + i).toList());
            assertThat(rerun.json().path("edits")).allSatisfy(e -> assertThat(e.path("status").asText()).isEqualTo("done"));

            Cli.Result again = Workflows.run(env, "", batch(manifest, "--dry-run"));
            assertThat(again.out()).contains("50 saved, 0 to resume, 0 to submit");
        }
    }

    @Test
    void ctrlC_cancelsWhatIsQueued_andTheSameCommandSubmitsThoseAgain() throws Exception {
        try (FakeApi api = new FakeApi(Duration.ofSeconds(20))) {
            Path manifest = manifest(10, Map.of());
            Map<String, String> env = Workflows.env(home, api.base());
            // Ctrl-C while the first eight (the default concurrency) wait in the queue; two lines never started.
            int code = Workflows.interrupt(env, Workflows.journalHas(home, 8), 60, batch(manifest, "-q"));
            assertThat(code).isEqualTo(130);
            assertThat(api.cancelled()).isEqualTo(8);
            // The cancelled jobs are journalled as cancelled, so a re-run knows they must be paid for again.
            assertThat(Workflows.run(env, "", batch(manifest, "--dry-run")).out()).contains("0 saved, 0 to resume, 2 to submit, 8 to submit again");

            api.finishJobsAfter(Duration.ZERO);
            Cli.Result rerun = Workflows.run(env, "", batch(manifest, "-q"));
            assertThat(rerun.code()).as(rerun.err()).isZero();
            assertThat(api.accepted()).isEqualTo(8 + 10);
            assertThat(saved()).hasSize(10);
        }
    }

    @Test
    void rateLimitStorm_holdsBackEveryLine_notEachOnItsOwn() throws Exception {
        try (FakeApi api = new FakeApi(Duration.ofMillis(300))) {
            api.rateLimit(10, 4, 1.0);
            Cli.Result r = Workflows.run(Workflows.env(home, api.base()), "", batch(manifest(30, Map.of()), "-q"));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(api.accepted()).isEqualTo(30);
            List<Long> limited = api.submits().stream().filter(s -> s.status() == 429).map(FakeApi.Submit::atMillis).toList();
            assertThat(limited).hasSize(4);
            // After a 429 that asked for a second, no line calls the API (submits and the other lines'
            // polls alike) until it has passed, bar calls already under way when the 429 came.
            List<Long> calls = api.apiCalls();
            for (long at : limited) {
                assertThat(calls).noneMatch(t -> t > at + 250 && t < at + 900);
            }
            assertThat(saved()).hasSize(30);
        }
    }

    @Test
    void onTheSandbox_linesWithTheSameInputNeverCollide_andARerunSendsNothing() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Set.of())) {
            Path manifest = Files.write(home.resolve("campaign.jsonl"), IntStream.rangeClosed(1, 6).mapToObj(i ->
                    "{\"prompt\": \"Replace the background with a beach at sunset\", \"images\": [\"https://img.test/hero.jpg\"], "
                            + "\"options\": {\"seed\": " + i + "}}").toList());
            Map<String, String> env = Workflows.env(home, sandbox.base());
            Cli.Result r = Workflows.run(env, "", batch(manifest, "--jsonl"));
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out().lines()).hasSize(6);
            assertThat(saved()).containsExactlyInAnyOrder("hero-edited.png", "hero-2-edited.png", "hero-3-edited.png",
                    "hero-4-edited.png", "hero-5-edited.png", "hero-6-edited.png");
            assertThat(r.err()).contains("6/6 edits, 6/6 images");
            int submitted = sandbox.submissions();

            Cli.Result again = Workflows.run(env, "", batch(manifest));
            assertThat(again.code()).as(again.err()).isZero();
            assertThat(sandbox.submissions()).isEqualTo(submitted);
            assertThat(again.err()).contains("6 saved, 0 to resume, 0 to submit").contains("6 jobs taken from earlier runs");
        }
    }

    @Test
    void editingOneLine_leavesTheOthersPaidFor() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Set.of())) {
            Path manifest = manifest(5, Map.of());
            Map<String, String> env = Workflows.env(home, sandbox.base());
            assertThat(Workflows.run(env, "", batch(manifest, "-q")).code()).isZero();
            List<String> lines = new ArrayList<>(Files.readAllLines(manifest));
            lines.set(2, lines.get(2).replace("light grey", "white"));
            java.util.Collections.reverse(lines);
            Files.write(manifest, lines);
            Cli.Result dry = Workflows.run(env, "", batch(manifest, "--dry-run"));
            assertThat(dry.out()).contains("4 saved, 0 to resume, 1 to submit");
        }
    }

    @Test
    void thenInALine_chainsItsPasses_andNamesOfLinesStayApart() throws Exception {
        try (Sandbox sandbox = Sandbox.start(Set.of())) {
            Path manifest = Files.write(home.resolve("m.jsonl"), List.of(
                    "{\"name\": \"de\", \"prompt\": \"Replace the background with a beach\", \"images\": [\"https://img.test/hero.jpg\"], "
                            + "\"then\": [\"Change the headline to 'SOMMER'\"]}",
                    "{\"name\": \"ja\", \"prompt\": \"Replace the background with a beach\", \"images\": [\"https://img.test/hero.jpg\"], "
                            + "\"then\": [\"Change the headline to '夏'\"]}"));
            Cli.Result r = Workflows.run(Workflows.env(home, sandbox.base()), "", batch(manifest, "--json"));
            assertThat(r.code()).as(r.err()).isZero();
            JsonNode edits = r.json().path("edits");
            assertThat(edits).hasSize(2);
            for (JsonNode edit : edits) {
                assertThat(edit.path("passes")).extracting(p -> p.path("endpoint").asText())
                        .containsExactly("google/nano-banana-2/edit", "openai/gpt-image-2/edit");
                assertThat(edit.path("passes").get(1).path("inputs").get(0).asText())
                        .isEqualTo(edit.path("passes").get(0).path("output_urls").get(0).asText());
            }
            assertThat(saved()).containsExactlyInAnyOrder("de.png", "ja.png");
        }
    }

    /** The manifests of docs/workflows.md, taken from the doc itself, plan as the doc shows. */
    @Test
    void theDocsManifests_planAsShown() throws Exception {
        String doc = Files.readString(Path.of("docs/workflows.md"));
        java.util.regex.Matcher block = java.util.regex.Pattern.compile("```jsonl\\n(.*?)```", java.util.regex.Pattern.DOTALL).matcher(doc);
        int manifests = 0;
        while (block.find()) {
            Path manifest = Files.writeString(home.resolve("doc-" + ++manifests + ".jsonl"), block.group(1));
            Cli.Result r = Workflows.run(Workflows.env(home, null), "", "batch", manifest.toString(), "--dry-run");
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.err()).as("the doc's examples follow the prompt advice").doesNotContain("warning:");
            if (manifests == 1) {
                r.out().lines().forEach(line -> assertThat(doc).contains(line));
            }
        }
        assertThat(manifests).isEqualTo(2);
    }

    @Test
    void namesMustBeSafeAndUnique_andUnknownFieldsAreNamed() throws Exception {
        Path manifest = Files.write(home.resolve("m.jsonl"), List.of(
                "{\"name\": \"a\", \"prompt\": \"Brighten it\", \"images\": [\"https://img.test/1.jpg\"]}",
                "{\"name\": \"a\", \"prompt\": \"Brighten it\", \"images\": [\"https://img.test/2.jpg\"]}",
                "{\"name\": \"../up\", \"prompt\": \"Brighten it\", \"images\": [\"https://img.test/3.jpg\"]}",
                "{\"promt\": \"Brighten it\", \"prompt\": \"x\", \"images\": [\"https://img.test/4.jpg\"]}"));
        Cli.Result r = Workflows.run(Workflows.env(home, null), "", "batch", manifest.toString(), "--dry-run");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("line 2: \"name\": \"a\" is already line 1's").contains("line 3: \"name\" must be")
                .contains("line 4: unknown field promt");
        assertThat(r.err().lines().filter(l -> l.startsWith("edit: line 1")).collect(Collectors.toList())).isEmpty();
    }
}
