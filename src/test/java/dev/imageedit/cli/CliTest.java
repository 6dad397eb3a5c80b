package dev.imageedit.cli;

import dev.imageedit.cli.Cli.Result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real picocli command line, with captured stdout and stderr, asserting exit codes and output. */
class CliTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String IMG = "https://img.test/portrait.jpg";

    @TempDir
    Path home;


    private Result run(String stdin, Map<String, String> env, String... args) {
        return Cli.run(env, stdin, args);
    }

    private Result run(String... args) {
        return run("", Map.of("HOME", home.toString()), args);
    }

    @Test
    void dryRunJson_isExactlyOneDocumentWithEveryRequest() throws IOException {
        Result r = run("", Map.of("HOME", home.toString(), "RUNCOMFY_MODEL_API_BASE", "http://127.0.0.1:9/v1/"),
                "Keep her face unchanged. Swap the background for a beach", "--image", IMG, "--dry-run", "--json");
        assertThat(r.code()).isZero();
        JsonNode doc = r.json();
        assertThat(doc.fieldNames()).toIterable().containsExactlyInAnyOrder("endpoint", "mode", "rules", "reason", "warnings", "calls", "images", "requests");
        assertThat(doc.path("endpoint").asText()).isEqualTo("google/nano-banana-2/edit");
        assertThat(doc.path("mode").asText()).isEqualTo("single");
        assertThat(doc.path("rules").toString()).contains("Everything else goes to Nano Banana");
        assertThat(doc.path("requests").get(0).path("url").asText()).isEqualTo("http://127.0.0.1:9/v1/models/google/nano-banana-2/edit");
        assertThat(doc.path("requests").get(0).path("body").path("image_urls").get(0).asText()).isEqualTo(IMG);
    }

    @Test
    void aPromptWrittenAsAList_isThePrompt_wherever_itStands() throws IOException {
        String list = "- Keep her face unchanged\n- Swap the background for a beach";
        for (String[] args : List.of(new String[] {list, "--image", IMG, "--dry-run", "--json"},
                new String[] {"--image", IMG, list, "--dry-run", "--json"})) {
            Result r = run("", Map.of("HOME", home.toString()), args);
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.json().path("requests").get(0).path("body").path("prompt").asText()).isEqualTo(list);
        }
        Result then = run("", Map.of("HOME", home.toString()), "Keep her face unchanged. Add a hat", "--then", "- Add a scarf",
                "--image", IMG, "--dry-run");
        assertThat(then.code()).as(then.err()).isZero();
        assertThat(run("", Map.of("HOME", home.toString()), "--bogus", list, "--image", IMG).err()).contains("--bogus is not an option");
    }

    @Test
    void dryRun_saysHowManyCallsAndImagesWillBeBilled() throws IOException {
        Result human = run("Put every shoe on a light grey background.", "--image", IMG, "--image", IMG, "--image", IMG, "--seed", "1",
                "--dry-run");
        assertThat(human.code()).as(human.err()).isZero();
        assertThat(human.out()).contains("fan_out: 3 calls, 3 images");
        Result json = run("Put every shoe on a light grey background.", "--image", IMG, "--image", IMG, "-n", "2", "--dry-run", "--json");
        JsonNode doc = json.json();
        assertThat(doc.path("calls").asInt()).isEqualTo(2);
        assertThat(doc.path("images").asInt()).isEqualTo(4);
        assertThat(doc.path("requests").get(1).path("inputs")).singleElement().extracting(JsonNode::asText).isEqualTo(IMG);
        assertThat(json.err()).contains("2 separate calls");
    }

    @Test
    void dryRun_human_namesEndpointModeReasonAndBody() {
        Result r = run("Give the dog a red bandana.", "--image", IMG, "--dry-run");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("endpoint  blackforestlabs/flux-1-kontext/pro/edit (kontext)")
                .contains("mode      single: 1 call, 1 image").contains("reason    ").contains("\"image\" : \"" + IMG + "\"");
    }

    @Test
    void warnings_goToStderr_andIntoTheJson() throws IOException {
        Result r = run("Give the dog a red bandana.", "--image", IMG, "--quality", "high", "--dry-run", "--json");
        assertThat(r.err()).contains("warning: --quality dropped");
        assertThat(r.json().path("warnings").toString()).contains("--quality dropped: blackforestlabs/flux-1-kontext/pro/edit does not take it");
    }

    @Test
    void explain_printsFeaturesAndRulesFired() {
        Result r = run("Give the dog a red bandana.", "--image", IMG, "--dry-run", "--explain");
        assertThat(r.err()).contains("features:").contains("\"editActions\" : 1").contains("rules fired, in order:")
                .contains("  One local change routes to Kontext");
    }

    @Test
    void strict_turnsAdviceIntoExit65_andSendsNothing() {
        Result r = run("Give the dog a red bandana.", "--image", IMG, "--strict");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("--strict").contains("say first what must stay the same").contains("nothing was sent");
        assertThat(run("Give the dog a red bandana.", "--image", IMG, "--keep", "pose", "--strict", "--dry-run").code()).isZero();
    }

    @Test
    void keep_prependsThePreservationClauseToTheSentPrompt() throws IOException {
        Result r = run("Give the dog a red bandana.", "--image", IMG, "--keep", "pose, fur", "--dry-run", "--json");
        assertThat(r.json().path("requests").get(0).path("body").path("prompt").asText())
                .isEqualTo("Keep the pose and fur unchanged. Give the dog a red bandana.");
        assertThat(r.json().path("warnings")).isEmpty();
    }

    @Test
    void version_namesTheVersionAndCommit() {
        Result r = run("--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).matches("(?s)image-edit \\d+\\.\\d+\\.\\d+ \\(commit [^)]+\\)\\s*");
    }

    @Test
    void help_ofEveryCommand_showsExamples_andTheTopOneTheExitCodesAndEnvironment() {
        Result top = run("--help");
        assertThat(top.code()).isZero();
        assertThat(top.out()).contains("Examples:", "Exit codes:", "RUNCOMFY_TOKEN", "NO_COLOR", "  route ", "  resume ", "  completion ");
        for (String command : List.of("route", "models", "jobs", "status", "cancel", "resume", "login", "logout", "sandbox", "completion")) {
            assertThat(run(command, "--help").out()).as(command).contains("Examples:");
        }
    }

    @Test
    void colour_onlyOnATerminal_andNeverWithNoColor() {
        StringWriter coloured = new StringWriter();
        Main.run(new String[] {"--help"}, new Env(Map.of(), new ByteArrayInputStream(new byte[0]), true, false),
                new PrintWriter(coloured, true), new PrintWriter(new StringWriter(), true));
        StringWriter plain = new StringWriter();
        Main.run(new String[] {"--help"}, new Env(Map.of("NO_COLOR", "1"), new ByteArrayInputStream(new byte[0]), true, false),
                new PrintWriter(plain, true), new PrintWriter(new StringWriter(), true));
        assertThat(coloured.toString()).contains("\u001B[");
        assertThat(plain.toString()).doesNotContain("\u001B[");
        assertThat(run("--help").out()).doesNotContain("\u001B[");
    }

    @Test
    void completion_printsTheBashScript_whichZshSourcesToo_andRefusesOtherShells() {
        Result bash = run("completion", "bash");
        assertThat(bash.code()).isZero();
        assertThat(bash.out()).contains("complete -F").contains("resume").contains("--output-dir").contains("bashcompinit");
        Result zsh = run("completion", "zsh");
        assertThat(zsh.code()).isEqualTo(64);
        assertThat(zsh.out()).isEmpty();
        assertThat(zsh.err()).contains("source <(edit completion bash)");
        assertThat(run("completion", "fish").code()).isEqualTo(64);
    }

    @Test
    void noArguments_printsTheHelp_andExits64() {
        Result r = run();
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("Usage: edit").contains("no prompt");
    }

    @Test
    void noImage_exits64_withNothingOnStdout() {
        Result r = run("Replace the background with a beach.", "--dry-run");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.out()).isEmpty();
        assertThat(r.err()).startsWith("edit: no source image");
    }

    @Test
    void badValue_exits65_namingValueAllowedAndEndpoint() {
        Result r = run("Remove the lamp.", "--image", IMG, "--resolution", "8K", "--dry-run");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("--resolution 8K is not one of 0.5K, 1K, 2K, 4K for google/nano-banana-2/edit");
    }

    @Test
    void unknownFlag_exits64_pointingAtHelp() {
        Result r = run("Remove the lamp.", "--image", IMG, "--colour", "red");
        assertThat(r.code()).isEqualTo(64);
        assertThat(r.err()).contains("--colour").contains("edit --help");
    }

    @Test
    void withoutToken_sendingExits77_namingRunComfyToken() {
        Result r = run("Remove the lamp.", "--image", IMG);
        assertThat(r.code()).isEqualTo(77);
        assertThat(r.err()).contains("RUNCOMFY_TOKEN").contains("--dry-run");
    }

    @Test
    void route_answersEveryLineInOrder_andNeverStopsOnABadOne() throws IOException {
        String in = String.join("\n",
                "{\"prompt\": \"Give the dog a red bandana.\", \"images\": [\"" + IMG + "\"]}",
                "this is not json",
                "{\"prompt\": \"Fill it\", \"images\": [\"" + IMG + "\", \"" + IMG + "\"], \"mask\": \"" + IMG + "\"}",
                "",
                "{\"prompt\": \"Remove it\", \"images\": [\"" + IMG + "\"], \"options\": {\"num_images\": 9}}",
                "{\"prompt\": \"Add a hat\", \"images\": [\"" + IMG + "\"], \"model\": \"nano\", \"options\": {\"num-images\": 2, \"set\": {\"limit_generations\": false}}}");
        Result r = run(in, Map.of(), "route");
        assertThat(r.code()).isZero();
        List<JsonNode> lines = r.out().lines().map(line -> {
            try {
                return JSON.readTree(line);
            } catch (IOException e) {
                throw new AssertionError(line, e);
            }
        }).toList();
        assertThat(lines).hasSize(6);
        assertThat(lines.get(0).path("endpoint").asText()).isEqualTo("blackforestlabs/flux-1-kontext/pro/edit");
        assertThat(lines.get(0).fieldNames()).toIterable().containsExactlyInAnyOrder("endpoint", "mode", "rules", "reason", "warnings");
        assertThat(lines.get(1).path("error").path("exit_code").asInt()).isEqualTo(65);
        assertThat(lines.get(2).path("error").path("exit_code").asInt()).isEqualTo(64);
        assertThat(lines.get(3).path("error").path("message").asText()).isEqualTo("line 4 is blank: give one JSON object a line");
        assertThat(lines.get(4).path("error").path("message").asText()).contains("out of range");
        assertThat(lines.get(5).path("mode").asText()).isEqualTo("single");
    }

    @Test
    void route_answersEachLineAsSoonAsItArrives() throws Exception {
        java.io.PipedOutputStream agent = new java.io.PipedOutputStream();
        java.io.PipedInputStream stdin = new java.io.PipedInputStream(agent);
        java.io.PipedWriter routeOut = new java.io.PipedWriter();
        java.io.BufferedReader answers = new java.io.BufferedReader(new java.io.PipedReader(routeOut));
        Thread route = new Thread(() -> Main.run(new String[] {"route"}, new Env(Map.of(), stdin),
                new PrintWriter(routeOut, false), new PrintWriter(new StringWriter(), true)));
        route.setDaemon(true);
        route.start();
        java.util.concurrent.ExecutorService reader = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            for (String prompt : List.of("Give the dog a red bandana.", "Remove the lamp.")) {
                agent.write(("{\"prompt\": \"" + prompt + "\", \"images\": [\"" + IMG + "\"]}\n").getBytes(StandardCharsets.UTF_8));
                agent.flush();
                // The next line is not written until this answer came back: a buffered answer would time out here.
                String answer = reader.submit(answers::readLine).get(20, java.util.concurrent.TimeUnit.SECONDS);
                assertThat(answer).contains("\"endpoint\"");
            }
        } finally {
            agent.close();
            reader.shutdownNow();
        }
        route.join(20_000);
        assertThat(route.isAlive()).isFalse();
    }

    @Test
    void routeEval_reportsAccuracy_andExitsZeroWhenAllPass() {
        Result r = run("route", "--eval", "src/test/resources/routing-cases.jsonl");
        assertThat(r.code()).isZero();
        assertThat(r.out()).doesNotContain("MISS").containsPattern("routing: (\\d+) of \\1 cases as labelled \\(100\\.0%\\)");
    }

    @Test
    void routeEval_printsEveryMiss_andExitsOne() throws IOException {
        Path cases = home.resolve("cases.jsonl");
        Files.writeString(cases, "{\"id\": \"x1\", \"prompt\": \"Remove the lamp.\", \"images\": 1, \"expect\": {\"endpoint\": \"openai/gpt-image-2/edit\", \"mode\": \"single\"}}\n"
                + "{\"id\": \"x2\", \"prompt\": \"Remove the lamp.\", \"images\": 0, \"expect\": {\"error\": 64}}\n");
        Result r = run("route", "--eval", cases.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("MISS x1: Remove the lamp.")
                .contains("expected openai/gpt-image-2/edit single, got google/nano-banana-2/edit single")
                .contains("routing: 1 of 2 cases as labelled (50.0%)");
    }

    @Test
    void routeEval_groupsMissesByStep_andReportsEachLanguage() throws IOException {
        Path cases = home.resolve("cases.jsonl");
        Files.writeString(cases, "{\"id\": \"e1\", \"lang\": \"en\", \"step\": 7, \"prompt\": \"Remove the lamp.\", \"images\": 1, "
                + "\"expect\": {\"endpoint\": \"openai/gpt-image-2/edit\", \"mode\": \"single\"}}\n"
                + "{\"id\": \"d1\", \"lang\": \"de\", \"step\": 10, \"prompt\": \"Entferne die Lampe.\", \"images\": 1, "
                + "\"expect\": {\"endpoint\": \"google/nano-banana-2/edit\", \"mode\": \"single\"}}\n");
        Result r = run("route", "--eval", cases.toString());
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.out()).contains("step 7: 1 miss", "MISS e1 [en]: Remove the lamp.",
                        "got google/nano-banana-2/edit single: scene-wide, removal or several changes")
                .contains("by language:", "de     1 of 1 (100.0%)", "en     0 of 1 (0.0%)")
                .contains("routing: 1 of 2 cases as labelled (50.0%)");
    }

    @Test
    void explain_showsTheWordsBehindEachSignal() {
        Result r = run("Keep the logo unchanged. Remove the cables and add a lamp.", "--image", IMG, "--dry-run", "--explain");
        assertThat(r.err()).contains("\"evidence\"").contains("\"removal\" : [ \"Remove\" ]")
                .contains("\"editActions\" : [ \"Remove the cables\", \"add a lamp\" ]")
                .contains("\"preservation\" : [ \"Keep the logo unchanged\" ]");
    }

    @Test
    void models_listsEachEndpointWithItsOptions() throws IOException {
        Result r = run("models");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("nano  google/nano-banana-2/edit").contains("--resolution         0.5K | 1K | 2K | 4K")
                .contains("--strength           number 0 to 1").contains("needs --mask");
        JsonNode doc = run("models", "--json").json();
        assertThat(doc).hasSize(4);
    }

    /** The fifth-endpoint example of docs/rules.md, taken from the doc itself, so the doc cannot drift. */
    @Test
    void rulesDocExample_addsAFifthEndpoint_withoutJavaChanges() throws IOException {
        String doc = Files.readString(Path.of("docs", "rules.md"));
        List<String> blocks = dev.imageedit.DocBlocks.of(Path.of("docs", "rules.md")).stream().map(dev.imageedit.DocBlocks.Block::text).toList();
        String descriptor = blocks.stream().filter(b -> b.contains("\"acme/upscaler/v1\"") && b.strip().startsWith("{\"id\"")).findFirst().orElseThrow();
        String drl = blocks.stream().filter(b -> b.strip().startsWith("package dev.imageedit.rules")).findFirst().orElseThrow();
        String cases = blocks.stream().filter(b -> b.strip().startsWith("{\"id\": \"u1\"")).findFirst().orElseThrow();
        java.util.regex.Matcher words = java.util.regex.Pattern.compile("add `(\"upscale\": \\[[^`]*\\])`").matcher(doc);
        assertThat(words.find()).isTrue();

        Path rules = home.resolve("my-rules");
        Files.createDirectories(rules.resolve("endpoints"));
        try (Stream<Path> files = Files.list(Path.of("rules"))) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        String vocabulary = Files.readString(rules.resolve("vocabulary.json"));
        Files.writeString(rules.resolve("vocabulary.json"), vocabulary.replaceFirst("\\{", "{\n  " + java.util.regex.Matcher.quoteReplacement(words.group(1)) + ","));
        Files.writeString(rules.resolve("endpoints").resolve("upscale.json"), descriptor);
        Files.writeString(rules.resolve("upscale.drl"), drl);
        Path casesFile = Files.writeString(home.resolve("my-cases.jsonl"), cases);

        Result eval = run("route", "--rules", rules.toString(), "--eval", casesFile.toString());
        assertThat(eval.code()).as(eval.out() + eval.err()).isZero();
        assertThat(eval.out()).contains("routing: 2 of 2 cases as labelled (100.0%)");

        Result r = run("Upscale this photo to a higher resolution.", "--image", IMG, "--rules", rules.toString(), "--dry-run", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("endpoint").asText()).isEqualTo("acme/upscaler/v1");
        assertThat(r.json().path("requests").get(0).path("body").toString())
                .isEqualTo("{\"prompt\":\"Upscale this photo to a higher resolution.\",\"image\":\"" + IMG + "\"}");
    }

    @Test
    void rulesFolder_thatDoesNotCompile_exits65_namingTheFile() throws IOException {
        Path rules = Files.createDirectories(home.resolve("broken"));
        Files.writeString(rules.resolve("bad.drl"), "package x; rule \"oops\" when Nope( then end");
        Result r = run("Add a hat.", "--image", IMG, "--rules", rules.toString(), "--dry-run");
        assertThat(r.code()).isEqualTo(65);
        assertThat(r.err()).contains("do not compile").contains("bad.drl");
    }

    @Test
    void rulesFolder_withoutAgendaGroups_routesByItsOwnRules() throws IOException {
        Path rules = Files.createDirectories(home.resolve("flat"));
        Files.writeString(rules.resolve("one.drl"), """
                package my.rules;
                import dev.imageedit.intent.Features;
                import dev.imageedit.route.Route;
                rule "Everything goes to Nano Banana"
                when
                    Features()
                then
                    insert( new Route( "nano", "one rule, no agenda groups" ) );
                end
                """);
        Result r = run("Add a hat.", "--image", IMG, "--rules", rules.toString(), "--dry-run", "--json");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.json().path("endpoint").asText()).isEqualTo("google/nano-banana-2/edit");
        assertThat(r.json().path("reason").asText()).isEqualTo("one rule, no agenda groups");
    }
}
