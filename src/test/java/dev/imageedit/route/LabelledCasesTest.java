package dev.imageedit.route;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.imageedit.EditException;
import dev.imageedit.Fixtures;
import dev.imageedit.intent.EditRequest;
import dev.imageedit.request.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Labelled routing cases, one test each: the product's own (src/test/resources: the core cases,
 * and a corpus of requests in eleven languages written from the policy, each tagged with its
 * language and the family of signal it exercises) and, where the checkout has it beside the
 * project, the shared contract sample (../shared, present in CI). Every one must pass.
 */
class LabelledCasesTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path SHARED = Path.of("..", "shared", "routing-cases.jsonl");

    static Stream<Arguments> ownCases() throws IOException {
        return cases(Path.of("src", "test", "resources", "routing-cases.jsonl"));
    }

    static Stream<Arguments> corpusCases() throws IOException {
        return cases(Path.of("src", "test", "resources", "routing-corpus.jsonl"));
    }

    static Stream<Arguments> sharedCases() throws IOException {
        if (!Files.isRegularFile(SHARED)) {
            // Visible in the report as a skipped test rather than silently passing.
            return Stream.of(Arguments.of("shared cases absent", null));
        }
        return cases(SHARED);
    }

    private static Stream<Arguments> cases(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
        return lines.stream().map(line -> {
            try {
                JsonNode node = JSON.readTree(line);
                return Arguments.of(node.path("id").asText() + ": " + node.path("prompt").asText(), node);
            } catch (IOException e) {
                throw new IllegalArgumentException(line, e);
            }
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("ownCases")
    void ownCase_routesAsLabelled(String name, JsonNode labelled) {
        assertThat(outcome(labelled)).isEqualTo(expected(labelled));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("corpusCases")
    void corpusCase_routesAsLabelled(String name, JsonNode labelled) {
        assertThat(outcome(labelled)).as(labelled.path("lang").asText() + ", " + labelled.path("family").asText())
                .isEqualTo(expected(labelled));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sharedCases")
    void sharedCase_routesAsLabelled(String name, JsonNode labelled) {
        assumeTrue(labelled != null, "../shared/routing-cases.jsonl is not beside this checkout; shared cases skipped");
        assertThat(outcome(labelled)).isEqualTo(expected(labelled));
    }

    @org.junit.jupiter.api.Test
    void corpus_hasTwentyCasesInEachLanguage_andEveryFamily() throws IOException {
        List<JsonNode> corpus = corpusCases().map(a -> (JsonNode) a.get()[1]).toList();
        assertThat(corpus).hasSizeGreaterThanOrEqualTo(300);
        Map<String, Long> perLanguage = corpus.stream().collect(java.util.stream.Collectors.groupingBy(
                c -> c.path("lang").asText(), java.util.stream.Collectors.counting()));
        for (String language : List.of("en", "zh", "ja", "ko", "es", "fr", "de", "it", "pt", "ru", "ar")) {
            assertThat(perLanguage.getOrDefault(language, 0L)).as(language).isGreaterThanOrEqualTo(20);
        }
        assertThat(corpus.stream().map(c -> c.path("family").asText()).distinct().toList()).contains("unseen-verb", "compound",
                "negation", "role-reference", "translation", "structured");
    }

    private static String expected(JsonNode labelled) {
        JsonNode expect = labelled.path("expect");
        return expect.has("error") ? "error " + expect.path("error").asInt()
                : expect.path("endpoint").asText() + " " + expect.path("mode").asText();
    }

    private static String outcome(JsonNode labelled) {
        Map<String, Object> options = new HashMap<>();
        if (labelled.path("num_images").isNumber()) {
            options.put("num_images", labelled.path("num_images").intValue());
        }
        String mask = labelled.path("mask").asBoolean() ? "https://img.test/mask.png" : null;
        String model = labelled.path("model").isTextual() ? labelled.path("model").asText() : null;
        EditRequest request = new EditRequest(labelled.path("prompt").asText(), Fixtures.images(labelled.path("images").asInt()), mask, model, options);
        try {
            Plan plan = Fixtures.PLANNER.plan(request);
            return plan.decision().model() + " " + plan.decision().mode().label();
        } catch (EditException e) {
            return "error " + e.exitCode().code();
        }
    }
}
