package dev.imageedit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** Output meant for a person at a terminal: help, the jobs table, prompt advice on the tool's own examples. */
class ReadableOutputTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern URL = Pattern.compile("https://[^\\s\"'`)]+");

    @TempDir
    Path home;

    private String[] run(Map<String, String> env, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Main.run(args, new Env(env, new ByteArrayInputStream(new byte[0])), new PrintWriter(out, true), new PrintWriter(err, true));
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void help_at80Columns_neverBreaksInsideAUrl_andListsEveryExitCode() {
        CommandLine all = Main.commandLine(new Env(Map.of(), new ByteArrayInputStream(new byte[0])), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter()), "--help");
        List<CommandLine> commands = new ArrayList<>(List.of(all));
        commands.addAll(all.getSubcommands().values());
        for (CommandLine command : commands) {
            String help = command.getUsageMessage(CommandLine.Help.Ansi.OFF);
            CommandLine.Model.UsageMessageSpec spec = command.getCommandSpec().usageMessage();
            Matcher written = URL.matcher(String.join("\n", spec.footer()) + "\n" + String.join("\n", spec.description()));
            while (written.find()) {
                assertThat(help).as(command.getCommandName() + " help keeps " + written.group() + " whole").contains(written.group());
            }
        }
        String top = all.getUsageMessage(CommandLine.Help.Ansi.OFF);
        for (String code : List.of("  0 ", "  64 ", "  65 ", "  69 ", "  70 ", "  73 ", "  75 ", "  77 ", "  130 ")) {
            assertThat(top).contains(code);
        }
    }

    @Test
    void help_onATerminal_takesTheTerminalsWidth() {
        Env terminal = new Env(Map.of(), new ByteArrayInputStream(new byte[0]), true, false);
        assertThat(Main.commandLine(terminal, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).isUsageHelpAutoWidth()).isTrue();
        Env pipe = new Env(Map.of(), new ByteArrayInputStream(new byte[0]));
        assertThat(Main.commandLine(pipe, new PrintWriter(new StringWriter()), new PrintWriter(new StringWriter())).isUsageHelpAutoWidth()).isFalse();
    }

    /** Every prompt in the README's commands and in edit --help's examples follows the tool's own advice. */
    @Test
    void theToolsOwnExamples_passStrict() throws IOException {
        List<String> prompts = new ArrayList<>();
        Matcher readme = Pattern.compile("bin/edit \"([^\"]+)\"").matcher(Files.readString(Path.of("README.md")));
        while (readme.find()) {
            prompts.add(readme.group(1));
        }
        String[] footer = Main.commandLine(new Env(Map.of(), new ByteArrayInputStream(new byte[0])), new PrintWriter(new StringWriter()),
                new PrintWriter(new StringWriter())).getCommandSpec().usageMessage().footer();
        Matcher help = Pattern.compile("  edit \"([^\"]+)\"").matcher(String.join("\n", footer));
        while (help.find()) {
            prompts.add(help.group(1));
        }
        assertThat(prompts).hasSizeGreaterThan(6);
        for (String prompt : prompts) {
            int images = prompt.contains("image 2") ? 2 : 1;
            List<String> args = new ArrayList<>(List.of(prompt, "--dry-run", "--strict"));
            for (int i = 1; i <= images; i++) {
                args.addAll(List.of("--image", "https://example.com/" + i + ".jpg"));
            }
            if (prompt.contains("masked")) {
                args.addAll(List.of("--mask", "https://example.com/mask.png"));
            }
            String[] r = run(Map.of(), args.toArray(String[]::new));
            assertThat(r[0]).as(prompt + ": " + r[2]).isEqualTo("0");
        }
    }

    @Test
    void advice_quotesALongPrompt_onlyAsShortExcerpts() {
        String prompt = "Make the sky a deep purple with swirling clouds, and ".repeat(200) + "keep the face unchanged.";
        String[] r = run(Map.of(), prompt, "--image", "https://example.com/p.jpg", "--dry-run");
        assertThat(r[0]).isEqualTo("0");
        List<String> warnings = r[2].lines().filter(line -> line.startsWith("warning: ")).toList();
        assertThat(warnings).isNotEmpty().allSatisfy(line -> assertThat(line.length()).isLessThan(400));
    }

    @Test
    void aMask_alreadySaysWhatStays_soNoPreservationAdvice() {
        String[] r = run(Map.of(), "Fill the masked area with grass", "--image", "https://example.com/y.jpg", "--mask", "https://example.com/m.png",
                "--dry-run");
        assertThat(r[2]).doesNotContain("say first what must stay the same");
    }

    @Test
    void jobs_alignsItsColumns_saysWhatIsKnown_andMarksSandboxJobs() throws IOException {
        Path journal = Files.createDirectories(home.resolve("state/image-edit")).resolve("journal.jsonl");
        Files.writeString(journal, String.join("\n",
                line("2026-01-01T10:00:00.123Z", "submitted", "real-1", ", \"endpoint\": \"google/nano-banana-2/edit\", \"prompt\": \"Keep the pose. Add a hat\", \"api_base\": \"https://model-api.runcomfy.net/v1\""),
                line("2026-01-01T10:01:00Z", "finished", "real-1", ", \"status\": \"saved\", \"paths\": [\"/o/1.png\"]"),
                line("2026-01-01T11:00:00Z", "submitted", "sandbox-job-22", ", \"endpoint\": \"blackforestlabs/flux-1-kontext/pro/edit\", \"prompt\": \"" + "Long prompt ".repeat(50) + "\", \"api_base\": \"http://127.0.0.1:8765/v1\""),
                line("2026-01-01T12:00:00Z", "submitted", "dl-3", ", \"endpoint\": \"openai/gpt-image-2/edit\", \"prompt\": \"Swap it\""),
                line("2026-01-01T12:01:00Z", "finished", "dl-3", ", \"status\": \"completed\", \"error\": \"download failed: HTTP 500\""),
                ""));
        Map<String, String> env = Map.of("HOME", home.toString(), "XDG_STATE_HOME", home.resolve("state").toString(), "COLUMNS", "90");
        String[] r = run(env, "jobs");
        assertThat(r[0]).isEqualTo("0");
        List<String> rows = r[1].lines().toList();
        assertThat(rows.get(0)).isEqualTo("ID              SUBMITTED (UTC)   STATUS           ENDPOINT           PROMPT");
        assertThat(rows.get(1)).isEqualTo("dl-3            2026-01-01 12:00  download failed  gpt                Swap it");
        assertThat(rows.get(2)).startsWith("sandbox-job-22  2026-01-01 11:00  not collected    kontext (sandbox)  Long prompt Long").endsWith("…");
        assertThat(rows.get(3)).isEqualTo("real-1          2026-01-01 10:00  saved            nano               Keep the pose. Add …");
        assertThat(rows.subList(0, 4)).allSatisfy(row -> assertThat(row.length()).isLessThanOrEqualTo(90));
        assertThat(r[2]).contains("'edit resume ID' fetches either");

        JsonNode doc = JSON.readTree(run(env, "jobs", "--json")[1]);
        assertThat(doc.get(0).path("status").asText()).isEqualTo("download_failed");
        assertThat(doc.get(1).path("status").asText()).isEqualTo("not_collected");
        assertThat(doc.get(1).path("sandbox").asBoolean()).isTrue();
        assertThat(doc.get(2).path("sandbox").asBoolean()).isFalse();
        assertThat(run(env, "jobs", "--limit", "1")[1].lines().filter(l -> l.startsWith("real-1") || l.startsWith("dl-3"))).hasSize(1);
        Map<String, String> narrow = new java.util.HashMap<>(env);
        narrow.put("COLUMNS", "60");
        assertThat(run(narrow, "jobs")[1].lines().skip(1).limit(3)).allSatisfy(row -> assertThat(row).doesNotContain("Long prompt", "Swap it"));
    }

    private static String line(String time, String event, String id, String rest) {
        return "{\"time\": \"" + time + "\", \"event\": \"" + event + "\", \"request_id\": \"" + id + "\"" + rest + "}";
    }
}
