package dev.imageedit.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.DocBlocks;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** docs/cli.md, taken at its word: every example in a {@code sh} block runs with the exit code its comment names. */
class CliDocsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path DOC = Path.of("docs", "cli.md");
    private static final Pattern EXIT = Pattern.compile("#\\s*exit (\\d+)\\s*$");

    @TempDir
    Path home;

    /** One documented command line: optional stdin (from {@code echo '…' |}), the words after {@code edit}, the exit code. */
    record Example(String line, String stdin, List<String> args, int exit) {
    }

    static List<Example> examples() throws IOException {
        List<Example> examples = new ArrayList<>();
        for (DocBlocks.Block block : DocBlocks.of(DOC)) {
            if (!block.language().equals("sh")) {
                continue;
            }
            for (String line : block.text().split("\n")) {
                if (line.isBlank()) {
                    continue;
                }
                Matcher exit = EXIT.matcher(line);
                int code = exit.find() ? Integer.parseInt(exit.group(1)) : 0;
                List<String> words = words(line.replaceAll("\\s+#.*$", ""));
                String stdin = "";
                if (words.get(0).equals("echo")) {
                    stdin = words.get(1) + "\n";
                    assertThat(words.get(2)).as(line).isEqualTo("|");
                    words = words.subList(3, words.size());
                }
                assertThat(words.get(0)).as(line).isEqualTo("edit");
                examples.add(new Example(line, stdin, List.copyOf(words.subList(1, words.size())), code));
            }
        }
        return examples;
    }

    /** Shell words: single and double quotes group, '|' stands alone. Enough for the docs' examples. */
    static List<String> words(String line) {
        List<String> words = new ArrayList<>();
        StringBuilder word = null;
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote != 0) {
                if (c == quote) {
                    quote = 0;
                } else {
                    word.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                word = word == null ? new StringBuilder() : word;
            } else if (Character.isWhitespace(c)) {
                if (word != null) {
                    words.add(word.toString());
                    word = null;
                }
            } else {
                word = word == null ? new StringBuilder() : word;
                word.append(c);
            }
        }
        if (word != null) {
            words.add(word.toString());
        }
        return words;
    }

    @Test
    void everyExample_exitsAsDocumented_andItsJsonParses() throws IOException {
        List<Example> examples = examples();
        assertThat(examples).hasSizeGreaterThan(10);
        Map<String, String> env = Map.of("HOME", home.toString(), "XDG_STATE_HOME", home.resolve("state").toString());
        for (Example example : examples) {
            List<String> args = new ArrayList<>(example.args());
            if (args.contains("--sandbox")) {
                // A real run saves its outputs: here, not in the checkout.
                args.addAll(List.of("-o", home.resolve("out").toString()));
            }
            StringWriter out = new StringWriter();
            StringWriter err = new StringWriter();
            int code = Main.run(args.toArray(String[]::new), new Env(env, new ByteArrayInputStream(example.stdin().getBytes(StandardCharsets.UTF_8))),
                    new PrintWriter(out, true), new PrintWriter(err, true));
            assertThat(code).as(example.line() + "\n" + err).isEqualTo(example.exit());
            assertThat(err.toString()).as(example.line()).doesNotContain("internal error");
            if (args.contains("--json") || args.contains("route")) {
                for (String doc : args.contains("route") ? out.toString().lines().toList() : List.of(out.toString())) {
                    assertThat(JSON.readTree(doc).isObject()).as(example.line()).isTrue();
                }
            }
        }
    }

    /** The JSON shown in the doc has exactly the fields the tool prints. */
    @Test
    void theDocumentedJson_hasTheFieldsTheToolPrints() throws IOException {
        List<JsonNode> shown = new ArrayList<>();
        for (DocBlocks.Block block : DocBlocks.of(DOC)) {
            if (block.language().equals("json")) {
                shown.add(JSON.readTree(block.text()));
            }
        }
        Map<String, String> env = Map.of("HOME", home.toString());
        JsonNode plan = run(env, "Keep the layout unchanged. Change the headline to 'Summer Sale'", "--image", "https://example.com/b.png",
                "--dry-run", "--json");
        JsonNode failure = run(env, "Fill it", "--image", "https://example.com/y.jpg", "--mask", "https://example.com/m.png",
                "--strength", "NaN", "--dry-run", "--json");
        assertThat(fields(shown.get(0))).isEqualTo(fields(plan));
        assertThat(fields(shown.get(0).path("requests").get(0))).isEqualTo(fields(plan.path("requests").get(0)));
        assertThat(fields(shown.get(1))).isEqualTo(fields(failure));
        assertThat(fields(shown.get(1).path("error"))).isEqualTo(fields(failure.path("error")));
        assertThat(failure.path("error").path("message").asText()).startsWith(shown.get(1).path("error").path("message").asText().replace("…", ""));
    }

    private static JsonNode run(Map<String, String> env, String... args) throws IOException {
        StringWriter out = new StringWriter();
        Main.run(args, new Env(env, new ByteArrayInputStream(new byte[0])), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        return JSON.readTree(out.toString());
    }

    private static Set<String> fields(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
